"""The SVG drawings (what readers without JavaScript see) never print one label over another or
over another actor's circle; hidden names stay in the circles' tooltips."""

from __future__ import annotations

import re
from itertools import combinations

from big_network import LINE, pact_lines

from pactwatch.web.network import commitments_svg, label_box, network_svg


def generated_network(n_actors: int = 300, n_agreements: int = 1000) -> dict:
    edges, counts = [], {}
    for line in pact_lines(n_actors, n_agreements):
        number, first, last, domain, status, day = LINE.search(line).groups()
        parties = sorted({*(c.strip() for c in first.split(",")), last})
        for a, b in combinations(parties, 2):
            edges.append({"source": a, "target": b, "agreement_id": f"agr-{number}", "title": f"Pact {number}",
                          "domain": domain, "status": status, "signed": day})
        for code in parties:
            counts[code] = counts.get(code, 0) + 1
    return {"nodes": [{"id": c, "name": c, "n_agreements": n} for c, n in sorted(counts.items())], "edges": edges}


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_no_label_of_the_network_drawing_covers_another_or_a_circle() -> None:
    drawing = network_svg(generated_network())
    nodes = drawing["nodes"]
    shown = [n for n in nodes if n["label_shown"]]
    boxes = [label_box(n) for n in shown]
    assert not any(overlaps(a, b) for a, b in combinations(boxes, 2))
    for n in shown:
        assert not any(overlaps(label_box(n), (m["x"] - m["r"], m["y"] - m["r"], m["x"] + m["r"], m["y"] + m["r"]))
                       for m in nodes if m is not n)
    heaviest = max(nodes, key=lambda n: (n["n_agreements"], n["id"]))
    assert heaviest["label_shown"] and len(shown) >= len(nodes) // 4


def test_hidden_labels_keep_their_names_in_tooltips(client) -> None:
    page = client.get("/network", headers={"accept": "text/html"}).text
    assert len(re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="\w+">(\w+)</text>', page)) == 4
    assert "<title>Greece: 1 agreement</title>" in page


def test_the_commitments_drawing_labels_every_actor_of_a_small_graph() -> None:
    rows = [{"by": a, "to": b, "kind": "defend", "conditional": False, "conditions": [], "agreement_id": "x",
             "agreement_title": "X", "holds_as_of": True, "why": "in force", "via": None}
            for a, b in (("AZE", "TUR"), ("TUR", "AZE"), ("GRC", "FRA"), ("FRA", "GRC"))]
    assert all(n["label_shown"] for n in commitments_svg(rows)["nodes"])

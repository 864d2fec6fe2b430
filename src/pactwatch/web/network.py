"""The actor network as SVG geometry: a deterministic networkx layout, parallel edges as arcs.

States and organisations are nodes; each agreement is an edge (a multilateral one, one edge per
pair of parties), coloured by domain through a CSS class. Same data, same picture: the layout is
circular for small graphs and a seeded spring layout for larger ones.

A page draws at most ``MAX_EDGES`` edges, the strongest first (the pairs of actors with the most
agreements between them), and says how many it left out: one 40-party treaty alone is 780 pairs,
and a page of thousands of arcs is neither readable nor cheap to lay out and send.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import networkx as nx

from pactwatch.facts import DOMAINS
from pactwatch.web.formatting import untitled

WIDTH, HEIGHT, MARGIN = 960, 640, 90
CIRCULAR_UP_TO = 14
MAX_RADIUS = 18.0  # a hub's circle, however many agreements it has
ARC_STEP = 26.0
MAX_EDGES = 300
LAYOUTS_KEPT = 32
Point = tuple[float, float]


def layout(node_ids: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]², the same for the same graph whatever the input order.

    A spring layout is most of what a network page costs (200 iterations), and the graph changes
    only when the knowledge base does, so layouts are kept for the last ``LAYOUTS_KEPT`` graphs."""
    return dict(_layout(tuple(sorted(set(node_ids))), tuple(sorted({tuple(sorted(e)) for e in edges}))))


@lru_cache(maxsize=LAYOUTS_KEPT)
def _layout(node_ids: tuple[str, ...], edges: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, Point], ...]:
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from(edges)
    if len(graph) == 0:
        return ()
    if len(graph) == 1:
        return ((next(iter(graph)), (0.0, 0.0)),)
    if len(graph) <= CIRCULAR_UP_TO:
        positions = nx.circular_layout(graph)
    else:
        positions = evened_out(nx.spring_layout(graph, seed=7, iterations=200, k=4 / math.sqrt(len(graph))))
    return tuple((n, (float(p[0]), float(p[1]))) for n, p in positions.items())


def evened_out(positions: dict[Any, Any]) -> dict[Any, tuple[float, float]]:
    """Positions spread evenly over the unit disc, each in the same direction from the centre and
    in the same order of distance: a spring layout crowds a collection's hubs and their partners
    in the middle and flings a few loners far out, and scaled to the canvas that leaves a knot of
    overlapping circles in the centre and an empty frame. The n-th nearest of N lands at radius
    sqrt(n / (N - 1)), so there are as many nodes per unit of area everywhere.

    >>> sorted(round(x, 2) for x, _ in evened_out({"a": (0.1, 0), "b": (0.2, 0), "c": (9.0, 0)}).values())
    [-0.71, 0.0, 1.0]
    """
    names = list(positions)
    points = [tuple(map(float, positions[n])) for n in names]
    cx = sorted(p[0] for p in points)[len(points) // 2]
    cy = sorted(p[1] for p in points)[len(points) // 2]
    distances = [math.hypot(x - cx, y - cy) for x, y in points]
    order = sorted(range(len(points)), key=lambda i: (distances[i], names[i]))
    out = {}
    for rank, i in enumerate(order):
        radius = math.sqrt(rank / max(len(points) - 1, 1))
        dx, dy = points[i][0] - cx, points[i][1] - cy
        norm = distances[i] or 1.0
        out[names[i]] = (dx / norm * radius, dy / norm * radius) if distances[i] else (0.0, 0.0)
    return out


def network_svg(network: dict[str, Any], max_edges: int = MAX_EDGES) -> dict[str, Any]:
    """Coordinates for the template: nodes (circles with labels) and edges (arcs with titles),
    at most ``max_edges`` edges (``strongest``) and the nodes they join; ``edges_total`` and
    ``nodes_total`` say how many there were."""
    nodes = network.get("nodes") or []
    ids = [str(n["id"]) for n in nodes]
    known = set(ids)
    edges = [e for e in network.get("edges") or [] if str(e["source"]) in known and str(e["target"]) in known
             and str(e["source"]) != str(e["target"])]
    drawn = strongest(edges, max_edges)
    joined = {str(c) for e in drawn for c in (e["source"], e["target"])}
    shown = [n for n in nodes if str(n["id"]) in joined] if len(drawn) < len(edges) else nodes
    raw = layout([str(n["id"]) for n in shown], [(str(e["source"]), str(e["target"])) for e in drawn])
    xy = {n: _to_canvas(p) for n, p in raw.items()}
    return {"width": WIDTH, "height": HEIGHT, "nodes": _nodes(shown, xy), "edges": _edges(drawn, xy),
            "domains": [d for d in DOMAINS if any(e.get("domain") == d for e in drawn)],
            "edges_total": len(edges), "nodes_total": len(nodes)}


def strongest(edges: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` edges, the pairs with the most agreements first, then the agreement
    with the most independent sources, the latest signed, and its id (so the cut is stable).

    >>> [e["agreement_id"] for e in strongest([{"source": "A", "target": "B", "agreement_id": "x"},
    ...     {"source": "C", "target": "D", "agreement_id": "y"}, {"source": "D", "target": "C",
    ...      "agreement_id": "z"}], 2)]
    ['y', 'z']
    """
    if limit <= 0:
        raise ValueError(f"the edge limit must be positive, got {limit}")
    per_pair: dict[tuple[str, str], int] = defaultdict(int)
    for e in edges:
        per_pair[_pair(e)] += 1

    ordered = sorted(edges, key=lambda e: str(e.get("agreement_id")))
    ordered.sort(key=lambda e: str(e.get("signed") or ""), reverse=True)  # stable: ties keep the id order
    ordered.sort(key=lambda e: (-per_pair[_pair(e)], -int(e.get("independent_sources") or 0)))
    return ordered[:limit]


def _pair(e: dict[str, Any]) -> tuple[str, str]:
    a, b = str(e["source"]), str(e["target"])
    return (a, b) if a <= b else (b, a)


def _to_canvas(p: tuple[float, float]) -> tuple[float, float]:
    x = MARGIN + (p[0] + 1) / 2 * (WIDTH - 2 * MARGIN)
    y = MARGIN + (1 - (p[1] + 1) / 2) * (HEIGHT - 2 * MARGIN)
    return round(x, 1), round(y, 1)


def _nodes(nodes: list[dict[str, Any]], xy: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    out = []
    for n in sorted(nodes, key=lambda n: str(n["id"])):
        x, y = xy[str(n["id"])]
        count = int(n.get("n_agreements") or 0)
        radius = round(min(6 + 2.5 * math.sqrt(count), MAX_RADIUS), 1)
        out.append({"id": n["id"], "name": n.get("name") or n["id"], "n_agreements": count, "x": x, "y": y,
                    "r": radius, **_label_place((x, y), radius), "href": f"/actors/{quote(str(n['id']), safe='')}"})
    return declutter_labels(out, "n_agreements")


LABEL_CHAR_WIDTH, LABEL_ASCENT, LABEL_DESCENT = 8.6, 11.0, 3.0  # 13 px bold capitals, generously
Box = tuple[float, float, float, float]


def label_box(node: dict[str, Any]) -> Box:
    """Where a node's label lies (x1, y1, x2, y2), from its anchor and an estimate of its width."""
    width = LABEL_CHAR_WIDTH * len(str(node["id"]))
    x, y = node["label_x"], node["label_y"]
    x1 = {"start": x, "end": x - width}.get(node["anchor"], x - width / 2)
    return (x1, y - LABEL_ASCENT, x1 + width, y + LABEL_DESCENT)


def declutter_labels(nodes: list[dict[str, Any]], weight: str) -> list[dict[str, Any]]:
    """Places each node's label where it overlaps neither a label already placed (the heaviest
    nodes by ``weight`` are placed first) nor another node's circle: away from the centre, else
    below, above, right or left of its circle, else inside it where it fits (``label_inside``).
    ``label_shown`` is false where no place is free, so the drawing never prints one name over
    another; a hidden label stays in the node's tooltip.

    >>> a = {"id": "AAA", "x": 100, "y": 100, "r": 8, "label_x": 112, "label_y": 104, "anchor": "start", "w": 2}
    >>> b = {**a, "id": "BBB", "y": 101, "w": 1}  # its label's place is taken: it goes below its circle
    >>> [(n["id"], n["label_shown"], n["anchor"], n["label_y"]) for n in declutter_labels([a, b], "w")]
    [('AAA', True, 'start', 104), ('BBB', True, 'middle', 123)]
    """
    circles = [(n, (n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"])) for n in nodes]
    placed: list[Box] = []
    for node in sorted(nodes, key=lambda n: (-(n.get(weight) or 0), str(n["id"]))):
        node["label_shown"], node["label_inside"] = False, False
        for place in _label_places(node):
            box = label_box({**node, **place})
            inside = place.get("label_inside", False)
            if not any(_overlap(box, other) for other in placed) and not any(
                    other is not node and _overlap(box, circle, 0 if inside else 2.0) for other, circle in circles):
                node.update(place, label_shown=True)
                placed.append(box)
                break
    return nodes


def _label_places(node: dict[str, Any]) -> list[dict[str, Any]]:
    x, y, r = node["x"], node["y"], node["r"]
    places = [{"label_x": node["label_x"], "label_y": node["label_y"], "anchor": node["anchor"]},
              {"label_x": x, "label_y": round(y + r + 14, 1), "anchor": "middle"},
              {"label_x": x, "label_y": round(y - r - 5, 1), "anchor": "middle"},
              {"label_x": round(x + r + 4, 1), "label_y": round(y + 4, 1), "anchor": "start"},
              {"label_x": round(x - r - 4, 1), "label_y": round(y + 4, 1), "anchor": "end"}]
    if LABEL_CHAR_WIDTH * len(str(node["id"])) <= 2 * r - 2:
        places.append({"label_x": x, "label_y": round(y + 4.5, 1), "anchor": "middle", "label_inside": True})
    return places


def _overlap(a: Box, b: Box, gap: float = 2.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _edges(edges: list[dict[str, Any]], xy: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """Each edge as a quadratic arc; parallel edges of one pair fan out symmetrically."""
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        a, b = str(e["source"]), str(e["target"])
        if a in xy and b in xy and a != b:
            by_pair[(min(a, b), max(a, b))].append(e)
    out = []
    for (a, b), group in sorted(by_pair.items()):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
        group = sorted(group, key=lambda e: (str(e.get("signed") or ""), str(e.get("agreement_id"))))
        for i, e in enumerate(group):
            bend = (i - (len(group) - 1) / 2) * ARC_STEP
            cx, cy = (x1 + x2) / 2 + nx_ * bend * 2, (y1 + y2) / 2 + ny_ * bend * 2
            domain = e.get("domain") if e.get("domain") in DOMAINS else "other"
            out.append({"d": f"M {x1} {y1} Q {round(cx, 1)} {round(cy, 1)} {x2} {y2}", "domain": domain,
                        "title": untitled(e.get("title")), "status": e.get("status"),
                        "signed": e.get("signed"), "parties": f"{a} – {b}",
                        "href": f"/agreements/{quote(str(e.get('agreement_id')), safe='')}"})
    return out


# --- commitments: directed arrows between actors -------------------------------------------------------

MAX_ARROWS = 400
ARROW_BEND = 18.0


def commitments_svg(rows: list[dict[str, Any]], as_of: str | None = None, max_arrows: int = MAX_ARROWS
                    ) -> dict[str, Any]:
    """The directed network of commitment rows (``kb.commitments``) that hold or may hold: one
    arrow per row from obligor to beneficiary, bent so that the two directions of a mutual duty
    and several kinds between one pair stay apart; ``conditional`` and ``undecided`` (the row's
    ``holds_as_of`` is null) become CSS classes (dashed, faint), the kind a class for its colour.
    At most ``max_arrows`` arrows, those that hold first; ``arrows_total`` says how many there were.

    >>> g = commitments_svg([{"by": "AZE", "to": "TUR", "kind": "defend", "conditional": True,
    ...     "conditions": ["after_consultation"], "agreement_id": "agr-1", "agreement_title": "Pact",
    ...     "holds_as_of": True, "why": "in force", "via": None}])
    >>> [(a["by"], a["to"], a["classes"]) for a in g["arrows"]]
    [('AZE', 'TUR', 'k-defend conditional')]
    """
    if max_arrows <= 0:
        raise ValueError(f"the arrow limit must be positive, got {max_arrows}")
    live = [r for r in rows if r.get("holds_as_of") is not False and r.get("by") != r.get("to")]
    drawn = sorted(live, key=lambda r: r.get("holds_as_of") is not True)[:max_arrows]  # stable: KB order within
    degree: dict[str, int] = defaultdict(int)
    for r in drawn:
        degree[str(r["by"])] += 1
        degree[str(r["to"])] += 1
    raw = layout(list(degree), [(str(r["by"]), str(r["to"])) for r in drawn])
    xy = {n: _to_canvas(p) for n, p in raw.items()}
    radius = {n: round(6 + 2.5 * math.sqrt(d), 1) for n, d in degree.items()}
    nodes = declutter_labels([{"id": n, "x": xy[n][0], "y": xy[n][1], "r": radius[n], "arrows": degree[n],
                               "href": f"/actors/{quote(n, safe='')}", **_label_place(xy[n], radius[n])}
                              for n in sorted(degree)], "arrows")
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "arrows": _arrows(drawn, xy, radius, as_of),
            "arrows_total": len(live), "kinds": sorted({str(r["kind"]) for r in drawn})}


def _label_place(p: Point, radius: float) -> dict[str, Any]:
    """A label outside its circle, away from the drawing's centre, so it does not cover the lines."""
    dx, dy = p[0] - WIDTH / 2, p[1] - HEIGHT / 2
    norm = math.hypot(dx, dy) or 1.0
    return {"label_x": round(p[0] + dx / norm * (radius + 8), 1),
            "label_y": round(p[1] + dy / norm * (radius + 8) + 4, 1),
            "anchor": "start" if dx > 5 else "end" if dx < -5 else "middle"}


def _arrows(rows: list[dict[str, Any]], xy: dict[str, Point], radius: dict[str, float],
            as_of: str | None) -> list[dict[str, Any]]:
    """Each row as a quadratic arc that starts and stops at the circles' edges (its tangent there
    points at the control point, so moving an end towards it by the radius clips it)."""
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_pair[(str(r["by"]), str(r["to"]))].append(r)
    out = []
    for (a, b), group in sorted(by_pair.items()):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
        for i, r in enumerate(group):
            bend = ARROW_BEND * (1 + i)  # every arrow of a pair on its own side of the line, one further out each
            cx, cy = (x1 + x2) / 2 + nx_ * bend * 2, (y1 + y2) / 2 + ny_ * bend * 2
            sx, sy = _towards((x1, y1), (cx, cy), radius[a] + 1)
            ex, ey = _towards((x2, y2), (cx, cy), radius[b] + 3)
            classes = [f"k-{r['kind']}"] + (["conditional"] if r.get("conditional") else []) \
                + ([] if r.get("holds_as_of") is True else ["undecided"])
            out.append({"by": a, "to": b, "kind": r["kind"],
                        "d": f"M {sx} {sy} Q {round(cx, 1)} {round(cy, 1)} {ex} {ey}",
                        "classes": " ".join(classes), "title": commitment_summary(r, as_of),
                        "href": commitment_href(r, as_of)})
    return out


def _towards(p: Point, q: Point, distance: float) -> Point:
    length = math.hypot(q[0] - p[0], q[1] - p[1]) or 1.0
    step = min(distance, length / 2)
    return round(p[0] + (q[0] - p[0]) / length * step, 1), round(p[1] + (q[1] - p[1]) / length * step, 1)


def commitment_href(row: dict[str, Any], as_of: str | None = None) -> str:
    """Where a commitment leads: its agreement's obligations, evaluated on the same day; a duty
    that comes from membership alone (no agreement) leads to the organisation."""
    if row.get("agreement_id"):
        day = f"?as_of={quote(as_of)}" if as_of else ""
        return f"/agreements/{quote(str(row['agreement_id']), safe='')}{day}#obligations"
    return f"/actors/{quote(str(row.get('via') or row.get('by')), safe='')}"


def commitment_summary(row: dict[str, Any], as_of: str | None = None) -> str:
    """One line for a tooltip: ``AZE → TUR: defend, after consultation — Shusha Declaration; holds (why)``."""
    terms = ", ".join(str(c).replace("_", " ") for c in row.get("conditions") or []) or "unconditional"
    holds = {True: "holds", False: "does not hold"}.get(row.get("holds_as_of"), "undecided")
    when = f" on {as_of}" if as_of else ""
    via = f" (via {row['via']})" if row.get("via") else ""
    return (f"{row.get('by')} → {row.get('to')}: {str(row.get('kind')).replace('_', ' ')}, {terms} — "
            f"{untitled(row.get('agreement_title'))}{via}; {holds}{when} ({row.get('why') or 'no reason given'})")

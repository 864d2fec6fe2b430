"""Uploads: token (header or form field, constant-time), read-only default, size limit, refusals."""

from __future__ import annotations

import time

from conftest import TOKEN, TestClient, json_of, real_kb
from pactwatch.web import create_app
from pactwatch.web.upload import safe_name

ARTICLE = b" date 2024-03-01\nPORTO, March 1 (Test Wire) - Portugal and Spain signed a defence cooperation " \
          b"agreement on Friday, officials said.\n"


def files(*named: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "text/plain")) for name, data in named]


def test_read_only_server_refuses_uploads_with_403(client) -> None:
    response = client.post("/api/upload", files=files(("a.txt", ARTICLE)), data={"token": TOKEN})
    assert response.status_code == 403 and "read-only" in json_of(response)["detail"]
    assert client.get("/upload", headers={"accept": "text/html"}).status_code == 403


def test_missing_or_wrong_token_gives_401(writer) -> None:
    assert writer.post("/api/upload", files=files(("a.txt", ARTICLE))).status_code == 401
    wrong = writer.post("/api/upload", files=files(("a.txt", ARTICLE)), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert writer.post("/api/upload", files=files(("a.txt", ARTICLE)), data={"token": TOKEN + "x"}).status_code == 401


def test_bearer_token_ingests_and_reports(writer, fake_kb) -> None:
    response = writer.post("/api/upload", files=files(("porto pact.txt", ARTICLE), ("notes.pdf", b"%PDF-1.4")),
                           headers={"Authorization": f"Bearer {TOKEN}"})
    report = json_of(response)
    assert response.status_code == 200
    assert (report["articles_read"], report["articles_new"]) == (1, 1)
    assert [r["source"] for r in report["refused"]] == ["notes.pdf"]
    assert report["refused"][0]["reason"].startswith("unsupported file type")
    assert "porto_pact" in fake_kb.articles_by_id
    assert "Portugal and Spain" in fake_kb.articles_by_id["porto_pact"].text


def test_form_field_token_and_the_html_fallback(writer) -> None:
    page = writer.post("/upload", files=files(("b.txt", ARTICLE)), data={"token": TOKEN},
                       headers={"accept": "text/html"})
    assert page.status_code == 200 and "New articles" in page.text
    again = json_of(writer.post("/api/upload", files=files(("b.txt", ARTICLE)), data={"token": TOKEN}))
    assert (again["articles_new"], again["duplicates"]) == (0, 1)


def test_larger_than_the_limit_gives_413(writer) -> None:
    response = writer.post("/api/upload", files=files(("big.txt", b"x" * 5000)),
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413 and "4000" in json_of(response)["detail"]


def test_no_file_or_not_multipart_gives_422(writer) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert writer.post("/api/upload", data={"token": TOKEN}, headers=auth).status_code == 422
    assert writer.post("/api/upload", content=b"{}", headers={**auth, "content-type": "application/json"}
                       ).status_code == 422


def test_file_names_lose_folders_and_odd_characters() -> None:
    assert safe_name("../../etc/passwd", 0) == "passwd"
    assert safe_name("C:\\temp\\a b<c>.txt", 1) == "a_b_c_.txt"
    assert safe_name("", 2) == "upload-2"
    assert safe_name("...", 3) == "upload-3"


def test_upload_into_the_real_kb_extracts_and_serves_it(tmp_path) -> None:
    kb = real_kb(tmp_path / "upload.db")
    client = TestClient(create_app(kb=kb, token=TOKEN))
    text = (b" date 2024-03-01\nLISBON, March 1 (Test Wire) - Portugal and Spain signed a defence cooperation "
            b"agreement in Lisbon on Friday, covering joint exercises and the training of officers.\n")
    report = json_of(client.post("/api/upload", files=files(("lisbon-pact.txt", text), ("x.doc", b"?")),
                                 headers={"Authorization": f"Bearer {TOKEN}"}))
    assert (report["articles_read"], report["articles_new"], report["agreements"]) == (1, 1, 1)
    assert [r["source"] for r in report["refused"]] == ["x.doc"]
    article = json_of(client.get("/api/articles/lisbon-pact"))
    assert article["text"].startswith("LISBON, March 1")
    agreement = json_of(client.get("/api/agreements"))["items"][0]
    assert agreement["parties"] == ["ESP", "PRT"] and agreement["documents"] == ["lisbon-pact"]
    again = json_of(client.post("/api/upload", files=files(("lisbon-pact.txt", text)), data={"token": TOKEN}))
    assert (again["articles_new"], again["duplicates"]) == (0, 1)


def test_background_job_reports_progress_then_the_report(writer) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    started = json_of(writer.post("/api/upload", params={"wait": "false"},
                                  files=files(("c.txt", ARTICLE), ("d.pdf", b"%PDF")), headers=auth))
    assert started["state"] in ("queued", "running", "done") and started["files"] == 2
    for _ in range(100):
        job = json_of(writer.get(f"/api/upload/{started['job']}", headers=auth))
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["state"] == "done" and job["error"] is None
    assert job["report"]["articles_new"] == 1 and [r["source"] for r in job["report"]["refused"]] == ["d.pdf"]
    assert writer.get(f"/api/upload/{started['job']}").status_code == 401
    assert writer.get("/api/upload/unknown-job", headers=auth).status_code == 404


def test_a_wrong_bearer_token_is_refused_before_the_body_is_read(writer) -> None:
    response = writer.post("/api/upload", files=files(("big.txt", b"x" * 5000)), headers={"Authorization": "Bearer no"})
    assert response.status_code == 401

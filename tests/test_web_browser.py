"""The workbench in a real browser (Debian's Chromium through Playwright): what a researcher
does, click by click, and cable strings built to run script that must not."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from search_cables import small_index  # noqa: F401  (fixture)
from web_server import browser, live_server

from cablesearch.cable import Cable, Paragraph
from cablesearch.index import update_index
from cablesearch.index.writer import add_cables

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chromium():
    with browser() as chromium:
        yield chromium


@pytest.fixture
def page(chromium):
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def total(page) -> int:
    return int(page.locator("strong.total").inner_text().replace(",", ""))


def test_a_researchers_round(small_index, page, tmp_path):  # noqa: F811
    with live_server(small_index) as base:
        page.goto(base + "/")
        page.fill("form#search input[name=q]", "trafficking OR pipeline")
        page.press("form#search input[name=q]", "Enter")
        page.wait_for_url(re.compile(r"q=trafficking"))
        everything = total(page)
        api = page.request.get(base + "/api/search?q=trafficking+OR+pipeline").json()
        assert everything == api["total"] > 3

        # a facet narrows to exactly its count, and comes off again
        kcrim = page.locator('section[data-facet="tag"] li', has_text="KCRIM")
        count = int(kcrim.locator(".count").inner_text())
        kcrim.locator("a").click()
        page.wait_for_url(re.compile(r"tag=KCRIM"))
        assert total(page) == count < everything
        page.locator(".active-filters a.remove", has_text="tag: KCRIM").click()
        page.wait_for_url(lambda url: "tag=" not in url)
        assert total(page) == everything

        # a bar of the date histogram narrows to its year
        bar = page.locator('svg.years a[aria-label^="2006"]')
        in_2006 = int(bar.get_attribute("aria-label").split(": ")[1])
        bar.click()
        page.wait_for_url(re.compile(r"since=2006&until=2006"))
        assert total(page) == in_2006 < everything
        page.go_back()
        assert total(page) == everything

        # the next page, and back
        page.goto(base + "/?q=trafficking+OR+pipeline&limit=3")
        first_page_refs = page.locator("a.ref").all_inner_texts()
        page.locator("a[rel=next]").click()
        page.wait_for_url(re.compile(r"page=2"))
        assert page.locator("ol.hits").get_attribute("start") == "4"
        assert set(page.locator("a.ref").all_inner_texts()).isdisjoint(first_page_refs)
        page.go_back()
        assert page.locator("a.ref").all_inner_texts() == first_page_refs

        # export the query as CSV: every hit, not the page shown
        with page.expect_download() as download:
            page.locator(".export a", has_text="CSV").click()
        saved = tmp_path / "hits.csv"
        download.value.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
        assert len(rows) == everything and rows[0]["ref"] == first_page_refs[0]

        # open a hit: its cable, at its paragraph, the query's words marked
        page.goto(base + "/?q=trafficking+OR+pipeline&limit=50")
        hit = page.locator("a.ref", has_text="08ASTANA1111 ¶2")
        hit.click()
        page.wait_for_url(re.compile(r"/cable/08ASTANA1111\?q=.*#par2$"))
        target = page.locator("section.par:target")
        assert target.get_attribute("id") == "par2"
        assert target.is_visible()
        assert target.locator("mark").first.inner_text().lower() == "trafficking"
        page.locator("#par3 a.ref").click()
        assert page.url.endswith("#par3")

        # follow a citation to the cable it cites, then one that cites it, and come back
        page.locator("[data-relation=cites] a", has_text="08STATE58370").click()
        page.wait_for_url(re.compile(r"/cable/08STATE58370$"))
        assert page.locator("h1").inner_text() == "08STATE58370"
        page.locator("[data-relation=cited-by] a", has_text="09BAGHDAD197").click()
        page.wait_for_url(re.compile(r"/cable/09BAGHDAD197$"))
        page.go_back()
        page.go_back()
        assert "/cable/08ASTANA1111" in page.url


def test_a_permalink_lands_on_its_paragraph(small_index, page):  # noqa: F811
    with live_server(small_index) as base:
        page.goto(base + "/ref/09BAGHDAD197/1")
        assert page.url.endswith("/cable/09BAGHDAD197#par1")
        assert page.locator("section.par:target .ref").inner_text() == "09BAGHDAD197 ¶1"
        answer = page.goto(base + "/ref/09BAGHDAD197/7")
        assert answer.status == 404
        assert "09BAGHDAD197 has no paragraph ¶7" in page.locator(".error").inner_text()


def test_copy_citation_puts_the_pin_cite_on_the_clipboard(small_index, chromium):  # noqa: F811
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    with live_server(small_index) as base:
        page.goto(base + "/cable/08ASTANA1111")
        page.locator("#par2 button.copy").click()
        page.wait_for_function("document.querySelector('#par2 button.copy').textContent"
                               " === 'copied'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#par2 button.copy").get_attribute("data-cite")
        assert "cable 08ASTANA1111, June 13, 2008, ¶2 (SBU)" in copied
    context.close()


HOSTILE = (
    '<script>window.__pwned = "script"</script>',
    '"><img src=x onerror="window.__pwned = \'img\'">',
    "javascript:window.__pwned='href'",
    "<svg onload=\"window.__pwned='svg'\"></svg> [[<b onmouseover=alert(1)>]]",
    "</textarea><iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>",
)


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory):
    cable = Cable(
        id="09EVIL1",
        subject='<script>window.__pwned="subject"</script> PWNED',
        created="2009-05-05T10:00",
        classification="SECRET",
        origin='Embassy "><img src=x onerror=window.__pwned=1>',
        tags=("PWNED", "<b>XSS</b>"),
        references=("javascript:alert(1)", "08STATE58370"),
        signer="<script>alert(1)</script>",
        paragraphs=tuple(Paragraph(i, i, f"pwned paragraph {text}", "S", "S")
                         for i, text in enumerate(HOSTILE, start=1)),
    )
    directory = tmp_path_factory.mktemp("hostile-index")
    add_cables(directory, [cable])
    return directory


def test_cable_strings_never_run(hostile_index, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with live_server(hostile_index) as base:
        urls = [
            "/?q=pwned&facets=tag",
            "/?q=pwned&by-cable=true",
            "/?q=" + "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
            "/?q=pwned&origin=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
            "/cable/09EVIL1?q=pwned",
            "/cable/09EVIL1/refs",
            "/kwic?phrase=pwned",
            "/similar/09EVIL1/1",
            "/cable/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "/no/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        ]
        for url in urls:
            page.goto(base + url)
            for link in page.locator("a").all():  # hover everything that could listen
                if link.is_visible():
                    link.hover()
            assert page.evaluate("window.__pwned") is None, url
            assert page.locator("img, iframe, svg b").count() == 0, url
        assert dialogs == []
        # the strings are there, as text
        page.goto(base + "/cable/09EVIL1")
        body = page.locator("main").inner_text()
        for text in HOSTILE:
            assert text.replace("[[", "").replace("]]", "") in body.replace("[[", "").replace(
                "]]", "") or text in body
        assert page.locator(".cites", has_text="javascript:alert(1)").locator("a").count() == 0


def test_screenshots(own_corpus, tmp_path, page):
    """The README's pictures, of our own sample cables (the real ones stay out of the
    repository): a search with its facets, and a cable reached from it. Written to
    $CABLESEARCH_SCREENSHOTS (`make screenshots`: docs/) when set, else only checked."""
    update_index(tmp_path / "index", [own_corpus], procs=1)
    out = Path(os.environ.get("CABLESEARCH_SCREENSHOTS") or tmp_path)
    with live_server(tmp_path / "index") as base:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(base + "/?q=pipeline+gas")
        assert total(page) > 0
        page.screenshot(path=str(out / "web-search.png"))
        page.locator("a.ref").first.click()
        page.wait_for_url(re.compile(r"/cable/"))
        assert page.locator("section.par:target mark").count() > 0
        page.evaluate("window.scrollTo(0, 0)")  # the header fields, then the paragraphs
        page.screenshot(path=str(out / "web-cable.png"))
    assert (out / "web-search.png").stat().st_size > 10_000

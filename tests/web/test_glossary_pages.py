"""Glossary and check settings pages; apply a suggestion everywhere; quality on the page."""
import io
import re

from app.store import documents, session_scope
from tests.web.conftest import HX


def slug_of(app):
    with session_scope(app) as session:
        return documents.list_documents(session)[0].slug


def test_document_glossary_add_import_delete(app, client):
    slug = slug_of(app)
    added = client.post(f"/documents/{slug}/glossary", data={
        "source": "peacekeepers", "target": "soldats de la paix", "note": "house style"})
    assert added.status_code == 303
    page = client.get(f"/documents/{slug}/glossary").get_data(as_text=True)
    assert "soldats de la paix" in page and "house style" in page
    shown = client.get(f"/documents/{slug}?category=terminology").get_data(as_text=True)
    assert shown.count('class="unit ') >= 1
    bad = client.post(f"/documents/{slug}/glossary", content_type="multipart/form-data", data={
        "file": (io.BytesIO(b"source,target\n\"open,x\n"), "terms.csv")})
    assert bad.status_code == 422 and "terms.csv:" in bad.get_data(as_text=True)
    term_id = re.search(r"/glossary/(\d+)/delete", page).group(1)
    assert client.post(f"/glossary/{term_id}/delete").status_code == 303
    assert "soldats de la paix" not in client.get(f"/documents/{slug}/glossary").get_data(
        as_text=True)


def test_workspace_glossary_forbidden_term(app, client):
    slug = slug_of(app)
    client.post("/glossary?source=en&target=fr", data={"target": "casques bleus",
                                                       "forbidden": "1"})
    page = client.get(f"/documents/{slug}?category=terminology").get_data(as_text=True)
    assert page.count('class="unit ') >= 1 and "Casques bleus" in page


def test_settings_switch_checks_off(app, client):
    slug = slug_of(app)
    page = client.get(f"/documents/{slug}/settings").get_data(as_text=True)
    assert 'value="untranslated-words" checked' in page
    client.post(f"/documents/{slug}/settings", data={"check": ["repeated-words"]})
    flagged = client.get(f"/documents/{slug}?category=untranslated").get_data(as_text=True)
    assert "No segment matches these filters." in flagged


def test_apply_everywhere_and_quality(app, client):
    slug = slug_of(app)
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    score = float(re.search(r"quality <b>([\d.]+)</b>", page).group(1))
    unit_id, finding_id = re.search(
        r'/units/(\d+)/suggestion/everywhere" hx-vals=\'\{"finding": "(\d+)"\}', page).groups()
    done = client.post(f"/units/{unit_id}/suggestion/everywhere", headers=HX,
                       data={"finding": finding_id})
    body = done.get_data(as_text=True)
    assert done.status_code == 200 and ">state of affairs</mark>" not in body
    assert float(re.search(r"quality <b>([\d.]+)</b>", body).group(1)) > score


TBX = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
 <text><body>
  <termEntry id="p1">
   <descrip type="definition">Troops of a peace mission</descrip>
   <langSet xml:lang="en"><tig><term>peacekeepers</term></tig></langSet>
   <langSet xml:lang="fr-FR">
    <tig><term>soldats de la paix</term></tig>
    <tig><term>casques bleus</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
 </body></text>
</martif>
"""


def terms_of(page):
    """(reference, target, kind, scope) of each row of the glossary table."""
    rows = re.findall(r'<td lang="en">([^<]*)</td><td lang="fr">([^<]*)</td>\s*'
                      r'<td>(\w+)</td><td>[^<]*</td>\s*<td>(\w+)</td>', page)
    return sorted(rows)


def test_tbx_glossary_uploaded_through_the_page(app, client):
    slug = slug_of(app)
    before = client.get(f"/documents/{slug}?category=terminology").get_data(as_text=True)
    assert "No segment matches these filters." in before
    done = client.post(f"/documents/{slug}/glossary", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(TBX), "house.tbx")})
    assert done.status_code == 303
    page = client.get(f"/documents/{slug}/glossary").get_data(as_text=True)
    assert terms_of(page) == [("peacekeepers", "casques bleus", "forbidden", "document"),
                              ("peacekeepers", "soldats de la paix", "required", "document")]
    assert "Troops of a peace mission" in page  # the entry's definition is the note
    # The document was checked again with its new terms.
    flagged = client.get(f"/documents/{slug}?category=terminology").get_data(as_text=True)
    assert flagged.count('class="unit ') >= 1 and "soldats de la paix" in flagged


def test_tbx_glossary_with_an_entity_is_refused_and_adds_nothing(app, client):
    slug = slug_of(app)
    bomb = TBX.replace(b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
                       b'<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa">]>')
    refused = client.post(f"/documents/{slug}/glossary", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(bomb), "bomb.tbx")})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "bomb.tbx:2:" in body
    assert terms_of(client.get(f"/documents/{slug}/glossary").get_data(as_text=True)) == []

"""Every decision of the register gets its issuing body: the spellings of one body ("UBND tỉnh Hà
Sơn", "Chủ tịch Ủy ban nhân dân tỉnh Hà Sơn") are merged into one, by the same key as forms and
imports use (tdkt.awards.register.name_key, a pure function of the text).

Two decisions of one body with one number in a year could only come from the old counter kept per
spelling: the later of the two (the one the product numbered itself) waits for the number the body's văn thư
gives, with a note saying why."""
import re

from django.db import migrations


def _key(name):
    from tdkt.awards.register import name_key

    return name_key(name)


def _display(name):
    from tdkt.awards.register import display_name

    return display_name(name)


def merge(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    Body = apps.get_model("awards", "IssuingBody")
    BodyName = apps.get_model("awards", "IssuingBodyName")
    Unit = apps.get_model("org", "Unit")
    keys = {}  # key -> body id

    def remember(body_id, spelling):
        key = _key(spelling)
        if key and key not in keys:
            keys[key] = body_id
            BodyName.objects.create(body_id=body_id, name=spelling[:255], key=key)

    def body_of_unit(unit_id, name):
        body = Body.objects.filter(unit_id=unit_id).first()
        if body is None:
            body = Body.objects.create(unit_id=unit_id, name=_display(name)[:255])
            remember(body.pk, name)
        return body.pk

    units = dict(Unit.objects.values_list("pk", "name"))
    pairs = list(Decision.objects.values_list("issuer_name", "issuer_unit_id").distinct())
    # Bodies of units first, so that a spelling without a unit finds the unit's body.
    for spelling, unit_id in pairs:
        if unit_id is not None:
            remember(body_of_unit(unit_id, units[unit_id]), spelling)
    unit_keys = {}
    for pk, name in units.items():
        unit_keys.setdefault(_key(name), pk)
    for spelling, unit_id in pairs:
        if unit_id is not None:
            continue
        key = _key(spelling)
        if key not in keys:
            if key in unit_keys:
                remember(body_of_unit(unit_keys[key], units[unit_keys[key]]), spelling)
            else:
                remember(Body.objects.create(name=_display(spelling)[:255]).pk, spelling)
        remember(keys[key], spelling)
    body_of = {(spelling, unit_id): Body.objects.get(unit_id=unit_id).pk if unit_id is not None else keys[_key(spelling)]
               for spelling, unit_id in pairs}
    held = {}
    rows = Decision.objects.order_by("signed_on", "id").values_list("id", "number", "year", "signed_on", "issuer_name",
                                                                     "issuer_unit_id")
    for pk, number, year, signed_on, spelling, unit_id in rows:
        body_id = body_of[(spelling, unit_id)]
        match = re.match(r"\d{1,8}\b", number)
        seq = int(match.group()) if match else None
        key = (body_id, year, seq if seq is not None else number)
        if number and key in held:
            first_number, first_date = held[key]
            note = (f"Số {number} do phần mềm tự cấp trùng với Quyết định số {first_number} ngày "
                    f"{first_date:%d/%m/%Y} của cùng cơ quan ban hành: chờ văn thư cấp số.")
            Decision.objects.filter(pk=pk).update(body_id=body_id, number="", seq=None, number_note=note[:500])
            continue
        held[key] = (number, signed_on)
        Decision.objects.filter(pk=pk).update(body_id=body_id, seq=seq)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_issuing_body"),
        ("org", "0001_initial"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]

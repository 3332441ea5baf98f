#!/usr/bin/env python3
"""Writes N synthetic incidents as an Excel workbook (.xlsx) whose first sheet holds ACLED's
current 31-column layout, for measuring the xlsx reader's memory on a large sheet.

    Scripts/make-acled-xlsx.py N OUT.xlsx [--seed S]

The rows are Scripts/make-acled-csv.py's (a seeded generator: no real ACLED data). As Excel
writes a sheet: numbers as numbers, event_date as Excel's day number, text that repeats (types,
actors, places) as shared strings, and the text of one row only (the event id, the notes) inline,
so the sheet part grows with N and the shared strings stay small. The sheet is written to the
zip as it is made, so the generator's own memory stays flat."""
import datetime
import importlib.util
import pathlib
import zipfile
from xml.sax.saxutils import escape

spec = importlib.util.spec_from_file_location("make_acled_csv", pathlib.Path(__file__).with_name("make-acled-csv.py"))
acled = importlib.util.module_from_spec(spec)
spec.loader.exec_module(acled)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Columns whose text is the row's own (written inline); the other text columns repeat.
INLINE = {"event_id_cnty", "notes"}
EPOCH = datetime.date(1899, 12, 30)


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def main():
    arguments = acled.parse_arguments(__doc__)
    letters = [column_letters(index) for index in range(len(acled.COLUMNS))]
    date_column = acled.COLUMNS.index("event_date")
    shared, shared_index = [], {}

    def cell(reference, column, value):
        if column == date_column:
            serial = (datetime.date.fromisoformat(value) - EPOCH).days
            return f'<c r="{reference}" s="1"><v>{serial}</v></c>'
        if isinstance(value, (int, float)):
            return f'<c r="{reference}"><v>{value}</v></c>'
        if value == "":
            return ""
        if acled.COLUMNS[column] in INLINE:
            return f'<c r="{reference}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        try:
            float(value)
            return f'<c r="{reference}"><v>{value}</v></c>'
        except ValueError:
            pass
        if value not in shared_index:
            shared_index[value] = len(shared)
            shared.append(value)
        return f'<c r="{reference}" t="s"><v>{shared_index[value]}</v></c>'

    with zipfile.ZipFile(arguments.out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                         '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?>'
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            header = "".join(f'<c r="{letters[index]}1" t="inlineStr"><is><t>{name}</t></is></c>' for index, name in enumerate(acled.COLUMNS))
            sheet.write(f'<row r="1">{header}</row>'.encode())
            for number, row in enumerate(acled.rows(arguments.count, arguments.seed), start=2):
                cells = "".join(cell(f"{letters[index]}{number}", index, value) for index, value in enumerate(row))
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
        archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared)}" uniqueCount="{len(shared)}">'
                         + "".join(f"<si><t>{escape(text)}</t></si>" for text in shared) + "</sst>")


if __name__ == "__main__":
    main()

"""export stage: the published tables of one document, as finance staff open them.

``source.published_tables(engine, unit, year, kind)`` reads the 13 ``published`` views of the
document's current version into ``ExportTable``s (amounts as exact ``Decimal``);
``headings.heading_grid`` lays a table's column paths out as the printed multi-row heading;
``xlsx.write_xlsx`` writes one workbook (a sheet per table, merged heading cells, amounts as
numbers with the template's decimals); ``csv.write_csv`` writes one CSV file per table.
"""

"""Tests for assets.ingest.csv_reader: each landed row and each reject names its file's physical line."""

from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.ingest import RawExportError, exportify, land_export
from assets.ingest.csv_reader import land_csv_table, reader_connection

TRACK = ("name", "popularity", "uri")


def land(folder: Path, text: str, columns: tuple[str, ...] = TRACK) -> tuple[list[tuple], list[tuple]]:
    """Land one CSV file holding `text`: its rows (values, then _line) and its rejects (line, column, reason, text)."""
    path = folder / "tracks.csv"
    path.write_bytes(text.encode())
    target = folder / "landing" / "tracks.parquet"
    target.parent.mkdir(exist_ok=True)
    con = reader_connection()
    land_csv_table(con, path, columns, target)
    rows = con.execute(f"select * exclude (_file) from read_parquet('{target}')").fetchall()
    return rows, con.execute("select source_line, column_name, reason, raw_text from csv_rejects order by all").fetchall()


def test_an_unterminated_quote_rejects_its_line_alone_and_the_lines_after_it_land(tmp_path):
    # The reader would fold lines 4-9 into one record: the quote opened on line 4 closes at line 9's.
    lines = [
        "name,popularity,uri",
        "Alpha,1,spotify:track:a",
        "Beta,2,spotify:track:b",
        '"Open quote,3,spotify:track:c',
        "Delta,4,spotify:track:d",
        "Echo,5,spotify:track:e",
        "Foxtrot,6,spotify:track:f",
        "Golf,7,spotify:track:g",
        '"Hotel, Inn",8,spotify:track:h',
        "India,9,spotify:track:i",
        "Juliet,10",
        "Kilo,11,spotify:track:k",
    ]
    rows, rejects = land(tmp_path, "\n".join(lines) + "\n")
    assert [(name, line) for name, _, _, line in rows] == [
        ("Alpha", 2), ("Beta", 3), ("Delta", 5), ("Echo", 6), ("Foxtrot", 7), ("Golf", 8), ("Hotel, Inn", 9),
        ("India", 10), ("Kilo", 12),
    ]
    assert [(line, column, text) for line, column, _, text in rejects] == [
        (4, "name", '"Open quote,3,spotify:track:c'),
        (11, "uri", "Juliet,10"),
    ]
    assert rejects[0][2].startswith("unterminated quote")


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_record_after_a_quoted_line_break_or_empty_lines_has_its_physical_line(tmp_path, end):
    lines = [
        "name,popularity,uri",
        '"Two',
        'lines",1,spotify:track:a',
        "Beta,2,spotify:track:b",
        "",
        "",
        "Gamma,3",
        "Delta,4,spotify:track:d",
    ]
    rows, rejects = land(tmp_path, end.join(lines) + end)
    assert rows == [(f"Two{end}lines", "1", "spotify:track:a", 2), ("Beta", "2", "spotify:track:b", 4),
                    ("Delta", "4", "spotify:track:d", 8)]
    assert [(line, text) for line, _, _, text in rejects] == [(7, "Gamma,3")]


def test_in_a_file_of_one_column_an_unterminated_quote_rejects_its_line_alone(tmp_path):
    rows, rejects = land(tmp_path, 'track_uri\nspotify:track:a\n"spotify:track:b\nspotify:track:c\n', ("track_uri",))
    assert rows == [("spotify:track:a", 2), ("spotify:track:c", 4)]
    assert [(line, column, text) for line, column, _, text in rejects] == [(3, "track_uri", '"spotify:track:b')]


def test_text_after_a_closing_quote_rejects_its_line_alone(tmp_path):
    # The reader goes on after the text and would take the quote opened in `uri` past the line end.
    text = 'name,popularity,uri\n"Hit" (Remix),1,"spotify:track:a\nBeta,2,spotify:track:b\nGamma,3,spotify:track:c\n'
    rows, rejects = land(tmp_path, text)
    assert [(name, line) for name, _, _, line in rows] == [("Beta", 3), ("Gamma", 4)]
    assert [(line, column) for line, column, _, _ in rejects] == [(2, "name")]
    assert rejects[0][2].startswith("text after a closing quote")


def test_a_line_with_too_many_or_too_few_fields_reports_how_many_it_holds(tmp_path):
    header = "a,b,c,d,e,f,g"
    _, rejects = land(tmp_path, f"{header}\n1,2,3,4,5,6,7,8,9\n1,2\n1,2,3,4,5,6,7\n", tuple(header.split(",")))
    assert [(line, reason) for line, _, reason, _ in rejects] == [
        (2, "too many columns: Expected Number of Columns: 7 Found: 9"),
        (3, "missing columns: Expected Number of Columns: 7 Found: 2"),
    ]


# Pieces of fields, well-formed or not: quoted line breaks, unterminated quotes, quotes as data.
PIECES = st.sampled_from(["a", "", " ", '"a,\na"', '"a', 'a"', '""', '"a""b"', ' "a"', '"a"a', '"a" "b"', '"\n'])
BODIES = st.lists(st.lists(PIECES, min_size=1, max_size=4).map(",".join), max_size=6).map("\n".join)


@settings(max_examples=40, deadline=None)
@given(BODIES)
def test_every_landed_row_is_the_record_the_reader_reads_at_its_line(tmp_path_factory, body):
    """Read from a row's line on, DuckDB's reader gives the row's values first; every line is used once."""
    folder = tmp_path_factory.mktemp("fuzz")
    rows, rejects = land(folder, "name,popularity,uri\n" + body)
    lines = ("name,popularity,uri\n" + body).split("\n")
    used = [row[-1] for row in rows] + [reject[0] for reject in rejects]
    assert len(used) == len(set(used))
    for *values, line in rows:
        rest = folder / "rest.csv"
        rest.write_text("\n".join(["name,popularity,uri", *lines[line - 1 :]]))
        first = duckdb.sql(
            f"""select * from read_csv('{rest}', header=true, auto_detect=false, delim=',', quote='"', escape='"',
                columns={{'a': 'VARCHAR', 'b': 'VARCHAR', 'c': 'VARCHAR'}}, ignore_errors=true) limit 1"""
        ).fetchall()
        assert first == [tuple(values)]


def exportify_file(path: Path, header: str) -> None:
    path.write_text(f"{header}\nspotify:x,Song,Album,Artist\n", encoding="utf-8")


def test_a_playlist_file_without_track_uri_is_named_with_the_column(tmp_path):
    exportify_file(tmp_path / "Mix.csv", "Track Name,Album Name,Artist Name(s),Release Date")
    with pytest.raises(RawExportError, match=r"^Mix\.csv: missing column 'Track URI'$"):
        land_export(tmp_path, tmp_path / "landing")


def test_exportify_is_not_guessed_beside_a_normalised_file_nor_from_snake_case_columns(tmp_path):
    exportify_file(tmp_path / "Mix.csv", "Track Name,Album Name,Artist Name(s),Release Date")
    (tmp_path / "tracks.csv").write_text("name,popularity,explicit,duration_ms,uri,album_uri,isrc\n")
    assert not exportify.recognises(tmp_path)
    (tmp_path / "Mix.csv").unlink()
    (tmp_path / "tracks.csv").rename(tmp_path / "my_tracks.csv")
    assert not exportify.recognises(tmp_path)

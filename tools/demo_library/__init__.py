"""A deterministic synthetic music library in the normalised Spotify CSV layout.

``generate_library(out_dir, n_tracks, seed)`` writes the ten CSV files of the layout (tracks,
albums, artists, audio features, the track/album/genre bridges, liked tracks, playlists and
their tracks) into ``out_dir`` and returns the number of rows of each.  The same
``(n_tracks, seed)`` always gives byte-identical files.

What the library looks like, so that the atlas built from it has something to show:

* long tails everywhere: Zipf-like track counts per artist, per genre and per record label;
* genres (made of word lists, e.g. "korean pop", "dream synth", "nordic folk") that set the
  audio features of their artists' tracks, so clusters of tracks mean something;
* about 20% of tracks credited to 2 or 3 artists, about 40% liked, playlists from 5 to a few
  hundred tracks;
* names in Latin with accents, Hangul, kana/kanji, Chinese, Cyrillic and Arabic script, and
  names with commas, double quotes and ampersands;
* label texts in all the spellings a real export has: several labels in one text, leading
  years, company suffixes, "distributed through ..." and artist imprints;
* a few faults a real export has: tracks without audio features, credits of artists that
  are not in artists.csv, playlist entries of tracks that are not in tracks.csv and tracks of
  albums that are not in albums.csv.  Keys are never duplicated and the CSV is never malformed.

Every name is made up here from word lists; nothing is taken from a real export.  The work is
vectorised with numpy and pandas (loops run over genres, locales, templates and playlists,
never over tracks), so a million tracks take well under a minute.

Command line: ``python -m tools.demo_library OUT_DIR --tracks N --seed S``.
"""

from tools.demo_library.library import DEMO_SEED, DEMO_TRACKS, generate_library

__all__ = ["DEMO_SEED", "DEMO_TRACKS", "generate_library"]

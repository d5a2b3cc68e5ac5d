"""``python -m tools.demo_library OUT_DIR --tracks N --seed S``: write a synthetic library."""

from __future__ import annotations

import argparse
import pathlib
from collections.abc import Sequence

from tools.demo_library.library import DEMO_SEED, DEMO_TRACKS, generate_library


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Write a synthetic music library in the normalised Spotify CSV layout."
    )
    parser.add_argument("out_dir", type=pathlib.Path, help="folder to write the ten CSV files into")
    parser.add_argument("--tracks", type=int, default=DEMO_TRACKS, help=f"number of tracks (default {DEMO_TRACKS})")
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help=f"random seed (default {DEMO_SEED})")
    args = parser.parse_args(argv)
    counts = generate_library(args.out_dir, args.tracks, args.seed)
    for name, count in counts.items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()

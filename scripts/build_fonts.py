"""Rebuild the bundled font subsets in static/fonts (run once by a maintainer, output committed).

Needs Debian's fonts-noto-core and fonts-noto-cjk and fontTools (pip). The portal itself needs none of
these: the subsets are committed, so PDFs render every script on a fresh machine.
Noto Serif covers Latin (Turkish, Vietnamese, Portuguese...), Greek and Cyrillic (Kazakh); Noto Naskh
Arabic covers Arabic; Noto Sans CJK KR, cut down to Hangul and CJK punctuation, covers Korean.
"""
import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTCollection

OUT = Path(__file__).resolve().parent.parent / "static" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto")
HANGUL = "U+0020-007E,U+00A0-00FF,U+1100-11FF,U+3000-303F,U+3130-318F,U+AC00-D7A3,U+FF01-FF5E"


def korean_face(ttc, weight):
    for font in TTCollection(str(ttc)).fonts:
        if font["name"].getDebugName(1).endswith("CJK KR"):
            path = Path(f"/tmp/NotoSansCJKkr-{weight}.otf")
            font.save(str(path))
            return path
    sys.exit(f"No KR face in {ttc}")


def subset(source, target, unicodes):
    subprocess.run([sys.executable, "-m", "fontTools.subset", str(source), f"--output-file={OUT / target}",
                    f"--unicodes={unicodes}", "--layout-features=*", "--no-hinting"], check=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for weight in ("Regular", "Bold"):
        subset(NOTO / f"NotoSerif-{weight}.ttf", f"NotoSerif-{weight}.ttf", "*")
        subset(NOTO / f"NotoNaskhArabic-{weight}.ttf", f"NotoNaskhArabic-{weight}.ttf", "*")
        subset(korean_face(CJK / f"NotoSansCJK-{weight}.ttc", weight), f"NotoSansKR-Hangul-{weight}.otf", HANGUL)


if __name__ == "__main__":
    main()

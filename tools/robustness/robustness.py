#!/usr/bin/env python3
"""Extraction under the typography and layout other outlets use.

usage: tools/robustness/robustness.py CROSSCHECK_BIN [SHARED_CORPUS] [--all]

Rewrites each dispatch of ../shared/corpus/news-{fr,en,ru} the way another outlet, a mailer or a
terminal would print it (lines hard-wrapped at a width, a title in capitals, other quotation marks,
dashes, line ends), applies the same rewrite to the gold passages, and scores the CLI on each
variant with the corpus's own scorer (score.py). A variant scoring well below the plain text names a
way real dispatches differ that the extractor does not survive: that is general, unlike a rule
found on one sentence.

By default only the first two thirds of each folder are read (the part rules are developed on);
--all reads every file. The rewritten copies live in a temporary folder that is removed at the end:
the corpus's texts are never copied into the project.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile


def wrap(width):
    """Breaks every line at `width` chars, words carried over (what a mailer does)."""
    def go(text):
        out = []
        for line in text.split("\n"):
            words, cur = line.split(), ""
            rows = []
            for w in words:
                if cur and len(cur) + 1 + len(w) > width:
                    rows.append(cur)
                    cur = w
                else:
                    cur = f"{cur} {w}" if cur else w
            rows.append(cur)
            out.append("\n".join(rows) if words else line)
        return "\n".join(out)
    return go


def caps_title(text):
    lines = text.split("\n")
    if lines and len(lines[0]) < 150:
        lines[0] = lines[0].upper()
    return "\n".join(lines)


def guillemets_to_curly(text):
    return re.sub(r"[\u00a0\u202f ]?»", "”", re.sub(r"«[\u00a0\u202f ]?", "“", text))


def curly_to_guillemets(text):
    return text.replace("“", "« ").replace("”", " »")


def single_quotes(text):
    return text.replace("“", "‘").replace("”", "’").replace('"', "'")


def hyphen_dashes(text):
    return re.sub(" [–—] ", " - ", text)


VARIANTS = {
    "wrapped at 72": (wrap(72), ("fr", "en", "ru")),
    "wrapped at 50": (wrap(50), ("fr", "en", "ru")),
    "wrapped at 100": (wrap(100), ("fr", "en", "ru")),
    "title in capitals": (caps_title, ("fr", "en", "ru")),
    "curly quotes for guillemets": (guillemets_to_curly, ("fr", "ru")),
    "guillemets for curly quotes": (curly_to_guillemets, ("en",)),
    "single quotes (British)": (single_quotes, ("en",)),
    "hyphens for dashes": (hyphen_dashes, ("fr", "en", "ru")),
    "CRLF line ends": (lambda t: t.replace("\n", "\r\n"), ("fr", "en", "ru")),
}


def files(folder, everything):
    names = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
    return names if everything else names[: (len(names) * 2 + 2) // 3]


def f1(scorer, extract, folder):
    out = subprocess.run([sys.executable, scorer, extract, folder], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1].split("F1=")[-1])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    corpus = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/corpus")
    everything = "--all" in sys.argv
    scorer = os.path.join(corpus, "score.py")
    extract = f"{shlex.quote(binary)} extract --json"
    with tempfile.TemporaryDirectory() as tmp:
        rows = {}
        for name, (rewrite, langs) in [("plain", (lambda t: t, ("fr", "en", "ru")))] + list(VARIANTS.items()):
            for lang in langs:
                src = os.path.join(corpus, f"news-{lang}")
                dst = os.path.join(tmp, re.sub(r"\W+", "-", name), lang)
                os.makedirs(dst)
                for f in files(src, everything):
                    with open(os.path.join(src, f), encoding="utf-8", newline="") as r:
                        text = r.read()
                    with open(os.path.join(dst, f), "w", encoding="utf-8", newline="") as w:
                        w.write(rewrite(text))
                    with open(os.path.join(src, f[:-4] + ".gold.json"), encoding="utf-8") as r:
                        gold = json.load(r)
                    for c in gold.get("claims", []) + gold.get("not_claims", []):
                        if c.get("contains"):
                            c["contains"] = rewrite(c["contains"])
                    with open(os.path.join(dst, f[:-4] + ".gold.json"), "w", encoding="utf-8") as w:
                        json.dump(gold, w, ensure_ascii=False)
                rows.setdefault(name, {})[lang] = f1(scorer, extract, dst)
        plain = rows["plain"]
        print(f"{'variant':32} " + " ".join(f"{l:>12}" for l in ("fr", "en", "ru")))
        for name, by in rows.items():
            cells = []
            for lang in ("fr", "en", "ru"):
                if lang not in by:
                    cells.append(f"{'':>12}")
                elif name == "plain":
                    cells.append(f"{by[lang]:>12.3f}")
                else:
                    cells.append(f"{by[lang]:>6.3f} ({by[lang] - plain[lang]:+.3f})")
            print(f"{name:32} " + " ".join(cells))


if __name__ == "__main__":
    main()

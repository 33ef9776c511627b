#!/usr/bin/env python3
"""The house rules of docs/ARCHITECTURE.md, checked on the source tree (ctest: house.*).

  includes   which folder may include what: core/ and scene/ include neither GL nor torch, ui/ includes no
             engine/ header, app/ and ui/ make no GL call, engine/ is the only folder that includes torch.
  sizes      no source file over 600 lines and no function over 100 lines in the library folders (functions
             at namespace level; a member defined inside its class body is not measured).
  statics    no function-local static state in ui/ or app/ (viewer state lives in ViewerState); a static
             that is not viewer state (the CLI's command registry) says so with "house: not viewer state".

Usage: check_house.py ROOT [includes|sizes|statics ...] — prints every breach as FILE:LINE: why, exits 1
if there is one. check_house.py --self-test: the checks run on a small tree that breaks each rule.
"""
import re
import sys
from pathlib import Path

FOLDERS = ["core", "engine", "scene", "renderer", "ui", "app"]
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 100

# folder -> include prefixes it must not use
FORBIDDEN_INCLUDES = {
    "core": ["engine/", "scene/", "renderer/", "ui/", "app/", "torch/", "ATen/", "c10/", "epoxy/", "EGL/",
             "GL/", "GLFW/", "imgui"],
    "scene": ["engine/", "renderer/", "ui/", "app/", "torch/", "ATen/", "c10/", "epoxy/", "EGL/", "GL/",
              "GLFW/", "imgui"],
    "renderer": ["engine/", "ui/", "app/", "torch/", "ATen/", "c10/", "GLFW/", "imgui"],
    "ui": ["engine/", "app/", "torch/", "ATen/", "c10/", "epoxy/", "EGL/", "GL/"],
    "engine": ["scene/", "renderer/", "ui/", "app/", "epoxy/", "EGL/", "GL/", "GLFW/", "imgui"],
    "app": ["torch/", "ATen/", "c10/", "epoxy/", "EGL/", "GL/"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
# A GL call: glSomething( — ImGui's backend calls (ImGui_ImplOpenGL3_*) and GLFW (glfw*) are not GL calls.
GL_CALL = re.compile(r"(?<![\w:.>])gl[A-Z]\w*\s*\(")


def sources(root, folder, suffixes=(".cpp", ".h")):
    base = root / folder
    return sorted(p for p in base.glob("*") if p.suffix in suffixes) if base.is_dir() else []


def strip_comments_and_strings(text):
    """Blanks comments, string and character literals (keeping newlines) so braces and names inside them
    do not count."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def check_includes(root):
    breaches = []
    for folder, forbidden in FORBIDDEN_INCLUDES.items():
        for path in sources(root, folder):
            lines = path.read_text(errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                m = INCLUDE.match(line)
                if m and any(m.group(1).startswith(prefix) for prefix in forbidden):
                    breaches.append(f"{path.relative_to(root)}:{number}: {folder}/ may not include {m.group(1)}")
            if folder in ("app", "ui"):
                code = strip_comments_and_strings("\n".join(lines)).splitlines()
                for number, line in enumerate(code, 1):
                    if GL_CALL.search(line):
                        breaches.append(f"{path.relative_to(root)}:{number}: {folder}/ makes a GL call "
                                        f"(draw through renderer/)")
    return breaches


def function_spans(code):
    """(first line, last line, head) of each function body at namespace level. Namespaces do not nest a
    level; class, struct, enum and initializer braces are not functions."""
    spans, depth, start, head_start, head = [], 0, None, 1, ""
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        if depth == 0:
            if c == "{":
                text = head.strip()
                if re.match(r"^(namespace\b|extern\s+\"C\")", text) or re.search(r"\bnamespace\s*[\w:]*\s*$", text):
                    head, head_start = "", line
                    continue
                depth, start = 1, (head_start, text)
                continue
            if c in ";}":
                head, head_start = "", line + (1 if c == "\n" else 0)
                continue
            if not head.strip():
                head_start = line
            head += c
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    first, text = start
                    is_type = re.match(r"^(template\s*<.*>\s*)?(class|struct|enum|union)\b", text, re.S)
                    if "(" in text and not is_type and not text.endswith("="):
                        spans.append((first, line, text))
                    head, head_start = "", line
    return spans


def check_sizes(root):
    breaches = []
    for folder in FOLDERS:
        for path in sources(root, folder):
            text = path.read_text(errors="replace")
            count = text.count("\n")
            rel = path.relative_to(root)
            if count > MAX_FILE_LINES:
                breaches.append(f"{rel}:1: {count} lines (at most {MAX_FILE_LINES}; split along its jobs)")
            if path.suffix != ".cpp":
                continue
            for first, last, head in function_spans(strip_comments_and_strings(text)):
                length = last - first + 1
                if length > MAX_FUNCTION_LINES:
                    name = re.sub(r"\s+", " ", head.split("(")[0]).split(" ")[-1]
                    breaches.append(f"{rel}:{first}: {name} is {length} lines (at most {MAX_FUNCTION_LINES})")
    return breaches


STATIC_STATE = re.compile(r"^\s+static\s+(?!constexpr\b|const\b|_assert\b|inline\b)[^()]*?[=;{]")


def check_statics(root):
    breaches = []
    for folder in ("ui", "app"):
        for path in sources(root, folder, (".cpp",)):
            raw = path.read_text(errors="replace").splitlines()
            code = strip_comments_and_strings("\n".join(raw)).splitlines()
            for number, line in enumerate(code, 1):
                if STATIC_STATE.match(line) and "house: not viewer state" not in raw[number - 1]:
                    breaches.append(f"{path.relative_to(root)}:{number}: function-local static state "
                                    f"(keep it in ViewerState): {line.strip()}")
    return breaches


CHECKS = {"includes": check_includes, "sizes": check_sizes, "statics": check_statics}


def self_test():
    """The checks must fail on a tree that breaks each rule once (so a green house.* is not a checker that
    finds nothing), and stay quiet on the allowed forms."""
    import tempfile
    long_body = "\n".join(f"  x += {i};" for i in range(110))
    files = {
        "scene/Bad.h": '#include "renderer/SceneRenderer.h"\n#include <torch/script.h>\n',
        "core/Ok.h": '#include "core/Snapshot.h"\n#include <vector>\n',
        "ui/Panel.cpp": "void draw() {\n  static int remembered = 0;\n  glBindTexture(0, remembered);\n"
                        "  ImGui_ImplOpenGL3_NewFrame();\n  static const int fine = 1;\n"
                        "  // glClear(0) in a comment is no call\n}\n",
        "app/main.cpp": "int& registry() {\n  static int list;  // house: not viewer state\n  return list;\n}\n",
        "renderer/Long.cpp": "namespace a::b {\nint f(int x) {\n" + long_body + "\n  return x;\n}\n}\n",
        "engine/Big.cpp": "\n" * 601,
    }
    expected = {
        "scene/Bad.h:1: scene/ may not include renderer/SceneRenderer.h",
        "scene/Bad.h:2: scene/ may not include torch/script.h",
        "ui/Panel.cpp:3: ui/ makes a GL call (draw through renderer/)",
        "renderer/Long.cpp:2: f is 113 lines (at most 100)",
        "engine/Big.cpp:1: 601 lines (at most 600; split along its jobs)",
        "ui/Panel.cpp:2: function-local static state (keep it in ViewerState): static int remembered = 0;",
    }
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        found = set(check_includes(root) + check_sizes(root) + check_statics(root))
    missed, extra = expected - found, found - expected
    for line in sorted(missed):
        print(f"self-test: not found: {line}")
    for line in sorted(extra):
        print(f"self-test: unexpected: {line}")
    print(f"house rules self-test: {len(expected) - len(missed)} of {len(expected)} breaches found, "
          f"{len(extra)} unexpected")
    return 1 if missed or extra else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) < 2:
        print(__doc__)
        return 2
    root = Path(argv[1]).resolve()
    names = argv[2:] or list(CHECKS)
    breaches = []
    for name in names:
        if name not in CHECKS:
            print(f"unknown check {name!r}; one of {', '.join(CHECKS)}")
            return 2
        breaches += CHECKS[name](root)
    for breach in breaches:
        print(breach)
    print(f"house rules ({', '.join(names)}): {len(breaches)} breach(es)")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Parses HTML pages with html5lib (strict) and checks what Tests/ReportingTests/HTMLReportTests.swift
asks of every generated page: no parse error, no external URL in any src, href or url(),
and no raw <script>, <img or event handler that input could have smuggled in.

    python3 check_html.py FILE...      prints one line per problem; exit 1 if any
"""
import re
import sys

import html5lib

problems = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(text)
    except Exception as e:  # strict mode raises on the first parse error
        problems.append(f"{path}: parse error: {e}")
        continue
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "img", "iframe", "object", "embed", "link"):
            problems.append(f"{path}: element <{tag}> in the page")
        for name, value in element.attrib.items():
            if name.startswith("on"):
                problems.append(f"{path}: event handler {name}= on <{tag}>")
            if name in ("src", "href") and re.match(r"^\s*([a-z]+:|//)", value, re.I):
                problems.append(f"{path}: external {name}={value!r} on <{tag}>")
    for url in re.findall(r"url\(\s*['\"]?([^)'\"]*)", text):
        if re.match(r"^\s*([a-z]+:|//)", url, re.I):
            problems.append(f"{path}: external url({url})")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)

"""The mutants of one Zig source file, in file order (deterministic).

Rules (the names are what the report prints):
- swaps: `<`<->`<=`, `>`<->`>=`, `==`<->`!=`, binary `+`<->`-` (and `+=`/`-=`,
  `+%`/`-%`, `+|`/`-|`), `and`<->`or`, `true`<->`false`, the literals 0<->1
  (not a pointer's or array's sentinel, `[*:0]`: a type, not a value);
- off-by-one: `+ 1` / `- 1` dropped; a slice's end bound minus one, a
  non-zero start bound plus one;
- dropped statements: a call statement (`f(..);`, `try f(..);`, `_ = f(..);`,
  `defer f(..);`) removed; `return X;` replaced by a value of the function's
  type that is not X (`!(X)` for bool, 0 for integers, null for optionals).

Nothing in comments, strings, `test` blocks or `comptime { }` blocks (the
compiler's own assertions) is mutated. Calls of assert
are never dropped: on correct code an assertion changes nothing.
Whether a mutant compiles is not judged here: the build does (a mutant that
fails to build is "not viable").
"""
import re

from mutant import make
from zig_lexer import matching, tokenize

SWAPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==",
         "+": "-", "-": "+", "+=": "-=", "-=": "+=", "+%": "-%", "-%": "+%",
         "+|": "-|", "-|": "+|"}
WORD_SWAPS = {"and": "or", "or": "and", "true": "false", "false": "true"}
ADDITIVE = {"+", "-", "+%", "-%", "+|", "-|"}
# After these a `-` or `+` is binary; after anything else (an operator, `(`,
# `return`, ...) a `-` is a sign.
OPERAND_END = {")", "]", "}", ".*", ".?"}
INTEGER = re.compile(r"^(?:[ui]\d+|[ui]size|c_u?(?:short|int|long|longlong)|comptime_int)$")
NO_BODY = {",", ";", ")", "=", "]"}


def _is_operand_end(tok):
    return tok.kind in ("ident", "number", "string", "char") or tok.text in OPERAND_END


def _skipped(tokens):
    """Indices of the tokens inside `test` blocks and `comptime { }` blocks
    (assertions checked by the compiler: a mutant there fails to build or
    changes nothing that runs)."""
    skip = set()
    for i, tok in enumerate(tokens):
        if tok.text == "comptime" and i + 1 < len(tokens) and tokens[i + 1].text == "{":
            skip.update(range(i, matching(tokens, i + 1) + 1))
        elif tok.kind == "keyword" and tok.text == "test":
            j = i + 1
            while tokens[j].text != "{":
                j += 1
            skip.update(range(i, matching(tokens, j) + 1))
    return skip


def _function_bodies(tokens):
    """(first, last, return type text) of every function body."""
    bodies = []
    for i, tok in enumerate(tokens):
        if tok.text != "fn" or tok.kind != "keyword":
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].text != "(":
            j += 1
        j = matching(tokens, j) + 1
        ret = []
        while j < len(tokens):
            t = tokens[j]
            if t.text in ("callconv", "align", "linksection", "addrspace") and tokens[j + 1].text == "(":
                j = matching(tokens, j + 1) + 1
                continue
            if t.text in ("(", "[") or (t.text == "{" and ret and ret[-1].text == "error"):
                close = matching(tokens, j)
                ret.extend(tokens[j:close + 1])
                j = close + 1
                continue
            if t.text == "{":
                bodies.append((j, matching(tokens, j), " ".join(r.text for r in ret)))
                break
            if t.text in NO_BODY:
                break
            ret.append(t)
            j += 1
    return bodies


def _return_type(bodies, index):
    inner = [b for b in bodies if b[0] < index < b[1]]
    if not inner:
        return None
    ret = max(inner, key=lambda b: b[0])[2]
    return ret.rsplit("!", 1)[-1].strip()  # the payload of an error union


def _statement_starts(tokens, i):
    return i == 0 or tokens[i - 1].text in (";", "{", "}")


def _call_statement_end(tokens, i):
    """If a call statement starts at tokens[i], the index of its `;`."""
    j = i
    if tokens[j].text in ("defer", "errdefer"):
        j += 1
    if tokens[j].text == "try":
        j += 1
    if tokens[j].text == "_" and tokens[j + 1].text == "=":
        j += 2
        if tokens[j].text == "try":
            j += 1
    if tokens[j].kind not in ("ident", "builtin"):
        return None
    callee = [tokens[j].text]
    j += 1
    while tokens[j].text == "." and tokens[j + 1].kind == "ident":
        callee.append(tokens[j + 1].text)
        j += 2
    if tokens[j].text != "(" or callee[-1] in ("assert", "@compileError"):
        return None
    while tokens[j].text == "(":
        j = matching(tokens, j) + 1
        while tokens[j].text == "." and tokens[j + 1].kind == "ident":
            j += 2
    return j if tokens[j].text == ";" else None


def _whole_lines(text, start, end):
    """Widen [start, end) to whole lines when nothing else shares them."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    if text[first:start].strip() == "" and text[end:last].strip() == "":
        return first, min(last + 1, len(text))
    return start, end


def _simple(tokens):
    """True if the tokens form a chain like `a.b.len` or one literal."""
    return all(t.kind in ("ident", "number") or t.text in (".", ".*", ".?") for t in tokens)


def _bounded(tokens, text, first, last, suffix):
    """Replacement text for tokens[first:last] with `suffix` (' - 1') applied."""
    span = text[tokens[first].start:tokens[last - 1].end]
    return span + suffix if _simple(tokens[first:last]) else f"({span}){suffix}"


def mutants(path, text):
    tokens = tokenize(text)
    skip = _skipped(tokens)
    bodies = _function_bodies(tokens)
    found = []

    def add(rule, start, end, replacement):
        found.append(make(path, text, rule, start, end, replacement))

    for i, tok in enumerate(tokens):
        if i in skip:
            continue
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.kind == "op" and tok.text in SWAPS:
            binary = tok.text not in ("+", "-") or (prev is not None and _is_operand_end(prev))
            if binary:
                add(f"{tok.text} -> {SWAPS[tok.text]}", tok.start, tok.end, SWAPS[tok.text])
        if tok.kind in ("keyword", "ident") and tok.text in WORD_SWAPS:
            add(f"{tok.text} -> {WORD_SWAPS[tok.text]}", tok.start, tok.end, WORD_SWAPS[tok.text])
        sentinel = prev is not None and prev.text == ":" and nxt is not None and nxt.text == "]"
        if tok.kind == "number" and tok.text in ("0", "1") and not sentinel:
            other = "1" if tok.text == "0" else "0"
            negated = prev is not None and prev.text == "-" and not _is_operand_end(tokens[i - 2])
            if negated and tok.text == "1":  # -1 -> 0 (Zig refuses the literal -0)
                add("-1 -> 0", prev.start, tok.end, "0")
            elif not negated:
                add(f"{tok.text} -> {other}", tok.start, tok.end, other)
        if (tok.text in ADDITIVE and nxt is not None and nxt.text == "1" and prev is not None
                and _is_operand_end(prev)):
            add(f"drop {tok.text} 1", prev.end, nxt.end, "")
        if tok.text == "[" and prev is not None and _is_operand_end(prev):
            close = matching(tokens, i)
            dots = [j for j in range(i + 1, close) if tokens[j].text == ".."
                    and all(tokens[k].text not in ("(", "[", "{") for k in range(i + 1, j))]
            if dots:
                d = dots[0]
                if d + 1 < close:
                    add("slice end - 1", tokens[d + 1].start, tokens[close - 1].end,
                        _bounded(tokens, text, d + 1, close, " - 1"))
                if d > i + 1 and not (d == i + 2 and tokens[i + 1].text == "0"):
                    add("slice start + 1", tokens[i + 1].start, tokens[d - 1].end,
                        _bounded(tokens, text, i + 1, d, " + 1"))
        if _statement_starts(tokens, i) and (end := _call_statement_end(tokens, i)) is not None:
            start, stop = _whole_lines(text, tok.start, tokens[end].end)
            add("drop call", start, stop, "")
        if tok.kind == "keyword" and tok.text == "return" and nxt is not None and nxt.text != ";":
            j = i + 1
            while tokens[j].text not in (";", ",", ")", "]", "}"):
                j = matching(tokens, j) + 1 if tokens[j].text in ("(", "[", "{", ".{") else j + 1
            value = text[nxt.start:tokens[j - 1].end]
            kind = _return_type(bodies, i)
            replacement = None
            if kind == "bool" and value not in ("true", "false"):
                replacement = f"!({value})"
            elif kind and INTEGER.match(kind) and value not in ("0", "1"):
                replacement = "0"
            elif kind and kind.startswith("?") and value != "null":
                replacement = "null"
            if replacement is not None:
                add("return value", nxt.start, tokens[j - 1].end, replacement)
    return found

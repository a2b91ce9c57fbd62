"""A small Zig tokenizer: enough to find operators, literals, keywords and
brackets outside comments and strings, with each token's offset.

It is not a parser: the mutant generator (zig_mutants.py) needs only to know
that a `<` is an operator and not text in a string, which `+` is binary, and
where brackets and statements begin and end.
"""
import re
from dataclasses import dataclass

# Longest first: the lexer takes the first operator that matches.
OPERATORS = sorted("""
    <<|= <<= >>= +%= -%= *%= +|= -|= *|= ... <<| ++ ** += -= *= /= %= &= |= ^=
    == != <= >= << >> => +% -% *% +| -| *| || .. .* .? .{
    + - * / % & | ^ ~ ! < > = ( ) [ ] { } , ; : . ? @
""".split(), key=len, reverse=True)

KEYWORDS = {
    "addrspace", "align", "allowzero", "and", "anyframe", "anytype", "asm", "break",
    "callconv", "catch", "comptime", "const", "continue", "defer", "else", "enum", "errdefer",
    "error", "export", "extern", "fn", "for", "if", "inline", "linksection", "noalias",
    "noinline", "nosuspend", "opaque", "or", "orelse", "packed", "pub", "resume", "return",
    "struct", "suspend", "switch", "test", "threadlocal", "try", "union", "unreachable",
    "var", "volatile", "while",
}

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BUILTIN = re.compile(r"@[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(
    r"0x[0-9a-fA-F_]+(\.[0-9a-fA-F_]+)?([pP][+-]?[0-9_]+)?|0o[0-7_]+|0b[01_]+"
    r"|[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9_]+)?")


@dataclass
class Token:
    kind: str   # ident, keyword, builtin, number, string, char, op
    text: str
    start: int

    @property
    def end(self):
        return self.start + len(self.text)


def _quoted(text, i, quote):
    """End offset of the quoted literal starting at text[i] == quote."""
    j = i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if text[j] == "\\" else 1
    return j + 1


def tokenize(text):
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith("//", i) or text.startswith("\\\\", i):
            # A comment, or a line of a multi-line string literal: to the end of the line.
            end = text.find("\n", i)
            end = n if end < 0 else end
            if c == "\\":
                tokens.append(Token("string", text[i:end], i))
            i = end
        elif c == '"':
            end = _quoted(text, i, '"')
            tokens.append(Token("string", text[i:end], i))
            i = end
        elif c == "'":
            end = _quoted(text, i, "'")
            tokens.append(Token("char", text[i:end], i))
            i = end
        elif c == "@" and text.startswith('@"', i):
            end = _quoted(text, i + 1, '"')
            tokens.append(Token("ident", text[i:end], i))
            i = end
        elif (m := _BUILTIN.match(text, i)):
            tokens.append(Token("builtin", m.group(), i))
            i = m.end()
        elif (m := _IDENT.match(text, i)):
            word = m.group()
            tokens.append(Token("keyword" if word in KEYWORDS else "ident", word, i))
            i = m.end()
        elif (m := _NUMBER.match(text, i)):
            tokens.append(Token("number", m.group(), i))
            i = m.end()
        else:
            for op in OPERATORS:
                if text.startswith(op, i):
                    tokens.append(Token("op", op, i))
                    i += len(op)
                    break
            else:
                raise ValueError(f"cannot tokenize {text[i:i + 20]!r} at offset {i}")
    return tokens


def matching(tokens, index):
    """Index of the bracket that closes tokens[index] (an opening bracket)."""
    pairs = {"(": ")", "[": "]", "{": "}", ".{": "}"}
    close = pairs[tokens[index].text]
    opening = tokens[index].text
    depth = 0
    for j in range(index, len(tokens)):
        t = tokens[j].text
        if t == opening or (close == "}" and t in ("{", ".{")):
            depth += 1
        elif t == close:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError(f"unbalanced {opening!r} at offset {tokens[index].start}")

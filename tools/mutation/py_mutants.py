"""The mutants of one Python source file, in file order (deterministic).

The same rules as for Zig (zig_mutants.py), in Python's spelling: `<`<->`<=`,
`>`<->`>=`, `==`<->`!=`, binary `+`<->`-` (`+=`/`-=`), `and`<->`or`,
`True`<->`False`, 0<->1; `+ 1`/`- 1` dropped, a slice's upper bound minus
one and a lower bound plus one; a call statement replaced by `pass`,
`return X` by `return None`. Operators and literals come from the tokenizer,
so nothing in a string, docstring or comment is touched; statements and
slices from the AST. A mutant that no longer compiles is dropped here.
"""
import ast
import io
import tokenize

from mutant import make

SWAPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==",
         "+": "-", "-": "+", "+=": "-=", "-=": "+="}
WORD_SWAPS = {"and": "or", "or": "and", "True": "False", "False": "True"}
CLOSERS = {")", "]", "}"}


def _offsets(text):
    """(line, column) -> offset, for the tokenizer's and the AST's positions."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return lambda line, col: starts[line - 1] + col


def _binary(prev):
    return prev is not None and (prev.type in (tokenize.NAME, tokenize.NUMBER, tokenize.STRING)
                                 and prev.string not in ("return", "in", "and", "or", "not",
                                                         "if", "else", "lambda", "yield")
                                 or prev.string in CLOSERS)


def _token_mutants(path, text, at, add):
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
              if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT,
                                tokenize.INDENT, tokenize.DEDENT)]
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        start, end = at(*tok.start), at(*tok.end)
        if tok.type == tokenize.OP and tok.string in SWAPS:
            if tok.string not in ("+", "-") or _binary(prev):
                add(f"{tok.string} -> {SWAPS[tok.string]}", start, end, SWAPS[tok.string])
        if tok.type == tokenize.NAME and tok.string in WORD_SWAPS:
            add(f"{tok.string} -> {WORD_SWAPS[tok.string]}", start, end, WORD_SWAPS[tok.string])
        if tok.type == tokenize.NUMBER and tok.string in ("0", "1"):
            other = "1" if tok.string == "0" else "0"
            add(f"{tok.string} -> {other}", start, end, other)
        if (tok.string in ("+", "-") and _binary(prev) and nxt is not None and nxt.string == "1"
                and tok.start[0] == nxt.end[0]):
            add(f"drop {tok.string} 1", at(*prev.end), at(*nxt.end), "")


def _source(text, at, node):
    return text[at(node.lineno, node.col_offset):at(node.end_lineno, node.end_col_offset)]


def _tree_mutants(text, at, add):
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            add("drop call", at(node.lineno, node.col_offset),
                at(node.end_lineno, node.end_col_offset), "pass")
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            add("return value", at(node.value.lineno, node.value.col_offset),
                at(node.value.end_lineno, node.value.end_col_offset), "None")
        elif isinstance(node, ast.Slice):
            if node.upper is not None:
                add("slice end - 1", at(node.upper.lineno, node.upper.col_offset),
                    at(node.upper.end_lineno, node.upper.end_col_offset),
                    f"({_source(text, at, node.upper)}) - 1")
            if node.lower is not None and not (isinstance(node.lower, ast.Constant)
                                               and node.lower.value == 0):
                add("slice start + 1", at(node.lower.lineno, node.lower.col_offset),
                    at(node.lower.end_lineno, node.lower.end_col_offset),
                    f"({_source(text, at, node.lower)}) + 1")


def mutants(path, text):
    at = _offsets(text)
    found = []

    def add(rule, start, end, replacement):
        found.append(make(path, text, rule, start, end, replacement))

    _token_mutants(path, text, at, add)
    _tree_mutants(text, at, add)
    viable = []
    for m in sorted(found, key=lambda m: (m.start, m.end, m.rule)):
        try:
            compile(m.apply(text), path, "exec")
        except SyntaxError:
            continue
        viable.append(m)
    return viable

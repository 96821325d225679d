"""Plural-Forms of a PO header ("nplurals=3; plural=(n==1 ? 0 : ...);"), read without eval.

The expression is parsed by the grammar gettext itself accepts (its plural.y): `n`, decimal
integers, unary `!`, the binary `* / % + - < <= > >= == != && ||`, the ternary `?:` and
parentheses, with C's precedence; nothing else (no unary minus, no names, no `**`). It is
evaluated as gettext does, in unsigned 64-bit arithmetic (so `n - 2` wraps for n < 2).

`parse_plural_forms(value)` checks the header value as `msgfmt --check` does: nplurals a
positive integer, the expression valid, and for every n from 0 to 1000 its value defined (no
division by zero) and below nplurals. The text and the nesting are bounded (MAX_LENGTH,
MAX_DEPTH) so that a hostile header costs nothing.
"""
import re

MAX_LENGTH = 1000     # characters of the expression (the longest real rule is about 200)
MAX_DEPTH = 50        # nested parentheses, `!`, `?:` and chained operators
MAX_NPLURALS = 100    # gettext has no limit; real languages use at most 6
CHECKED_RANGE = range(0, 1001)  # the values of n msgfmt --check evaluates
_WORD = 2 ** 64       # C's unsigned long on the 64-bit systems gettext runs on


class PluralError(ValueError):
    """An invalid Plural-Forms value; the message says what is wrong."""


# Tokens: numbers, n, two-character operators, then one-character ones.
_TOKEN = re.compile(r"[ \t]*(?:(\d+)|(n)|(&&|\|\||==|!=|<=|>=)|([-+*/%<>!?:()]))")
_BINARY = (  # loosest first; each level is left-associative
    ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


def _tokens(text):
    tokens, at = [], 0
    while at < len(text):
        if not text[at:].strip(" \t"):
            break
        match = _TOKEN.match(text, at)
        if match is None:
            bad = text[at:].lstrip(" \t")[0]
            raise PluralError(f"unexpected {bad!r} at character {at + 1} of the expression "
                              "(gettext allows n, integers, ! * / % + - < <= > >= == != && "
                              "|| ?: and parentheses)")
        number, name, pair, single = match.groups()
        tokens.append(("num", int(number) % _WORD) if number else (name or pair or single,))
        at = match.end()
    return tokens


class _Parser:
    """Recursive descent over the tokens; each method returns a function of n."""

    def __init__(self, tokens):
        self.tokens, self.at, self.depth = tokens, 0, 0

    def peek(self):
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected and token != expected):
            found = "the end" if token is None else repr(token if token != "num" else
                                                         str(self.tokens[self.at][1]))
            raise PluralError(f"expected {expected or 'an operand'!r} but found {found} "
                              f"(token {self.at + 1} of the expression)")
        self.at += 1
        return self.tokens[self.at - 1]

    def nested(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise PluralError(f"the expression nests deeper than {MAX_DEPTH} levels")

    def ternary(self):
        self.nested()
        condition = self.binary(0)
        if self.peek() == "?":
            self.take()
            yes = self.ternary()
            self.take(":")
            no = self.ternary()
            self.depth -= 1
            return lambda n: yes(n) if condition(n) else no(n)
        self.depth -= 1
        return condition

    def binary(self, level):
        if level == len(_BINARY):
            return self.unary()
        left, chained = self.binary(level + 1), 0
        while self.peek() in _BINARY[level]:
            op = self.take()[0]
            self.nested()  # a chain is a tree as deep as it is long
            chained += 1
            left = _combine(op, left, self.binary(level + 1))
        self.depth -= chained
        return left

    def unary(self):
        token = self.take()
        if token[0] == "!":
            self.nested()
            operand = self.unary()
            self.depth -= 1
            return lambda n: int(not operand(n))
        if token[0] == "num":
            value = token[1]
            return lambda n: value
        if token[0] == "n":
            return lambda n: n
        if token[0] == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        raise PluralError(f"unexpected {token[0]!r} (token {self.at} of the expression)")


class _DivisionByZero(ArithmeticError):
    pass


def _divide(a, b):
    if b == 0:
        raise _DivisionByZero
    return a // b


def _modulo(a, b):
    if b == 0:
        raise _DivisionByZero
    return a % b


_OPERATIONS = {
    "*": lambda a, b: a * b % _WORD, "/": _divide, "%": _modulo,
    "+": lambda a, b: (a + b) % _WORD, "-": lambda a, b: (a - b) % _WORD,
    "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b)}


def _combine(op, left, right):
    if op == "&&":
        return lambda n: int(bool(left(n)) and bool(right(n)))
    if op == "||":
        return lambda n: int(bool(left(n)) or bool(right(n)))
    operation = _OPERATIONS[op]
    return lambda n: operation(left(n), right(n))


def parse(expression):
    """The plural expression as a function of n (an int >= 0); PluralError when gettext
    would refuse it or it is longer than MAX_LENGTH characters."""
    if len(expression) > MAX_LENGTH:
        raise PluralError(f"the expression is longer than {MAX_LENGTH} characters")
    tokens = _tokens(expression)
    if not tokens:
        raise PluralError("the expression is empty")
    parser = _Parser(tokens)
    function = parser.ternary()
    if parser.at != len(tokens):
        raise PluralError(f"unexpected {parser.peek()!r} after a complete expression "
                          f"(token {parser.at + 1})")
    return function


# As gettext finds them: "nplurals=" then spaces and digits; "plural=" up to ";".
_NPLURALS = re.compile(r"nplurals=\s*(\d*)")
_PLURAL = re.compile(r"plural=([^;]*)")


def parse_plural_forms(value):
    """(nplurals, function of n) of a Plural-Forms header value; PluralError saying what is
    wrong when msgfmt --check would refuse it."""
    count = _NPLURALS.search(value)
    if count is None or not count.group(1):
        raise PluralError("no nplurals=N (a positive integer)")
    nplurals = int(count.group(1)[:6])
    if not 1 <= nplurals <= MAX_NPLURALS:
        raise PluralError(f"nplurals={count.group(1)[:6]} is not between 1 and {MAX_NPLURALS}")
    expression = _PLURAL.search(value)
    if expression is None:
        raise PluralError("no plural=EXPRESSION")
    function = parse(expression.group(1))
    check(nplurals, function)
    return nplurals, function


def check(nplurals, function):
    """Refuse (PluralError) an expression whose value for some n in CHECKED_RANGE is not a
    form index below nplurals, or is a division by zero."""
    for n in CHECKED_RANGE:
        try:
            value = function(n)
        except _DivisionByZero:
            raise PluralError(f"the expression divides by zero for n = {n}") from None
        if value >= _WORD // 2:
            raise PluralError(f"the expression is negative for n = {n}")
        if value >= nplurals:
            raise PluralError(f"nplurals={nplurals} but the expression gives {value} for "
                              f"n = {n}")

"""Reads PowerShell the way PowerShell's grammar does (tree-sitter-powershell) and says what each
script runs: for every script on standard input (a JSON list of strings), whether the parse has
an error or a missing node, its commands (name and arguments, as the command receives them) and
its `$env:` assignments, in order. Used by the shell proofs (gmd-shellproof)."""

import json
import sys

import tree_sitter
import tree_sitter_powershell

LANGUAGE = tree_sitter.Language(tree_sitter_powershell.language())
PARSER = tree_sitter.Parser(LANGUAGE)
# PowerShell reads these as single quotes too.
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


def text(node):
    return node.text.decode("utf-8")


def verbatim(literal):
    """The value of a single-quoted string: quote characters written twice stand for one."""
    inner = literal[1:-1]
    out, i = [], 0
    while i < len(inner):
        out.append(inner[i])
        if inner[i] in SINGLE_QUOTES and i + 1 < len(inner) and inner[i + 1] in SINGLE_QUOTES:
            i += 1
        i += 1
    return "".join(out)


def leaves(node, kinds):
    """The descendants of `node` of the given kinds, outermost first."""
    if node.type in kinds:
        return [node]
    found = []
    for child in node.children:
        found.extend(leaves(child, kinds))
    return found


def value(node):
    """An argument or an assigned value: a list of strings (an array gives several), or None for
    `$null`, or a marker for what is computed."""
    strings = leaves(node, {"string_literal", "generic_token", "command_parameter", "variable",
                            "array_literal_expression", "sub_expression", "parenthesized_expression"})
    if node.type in ("generic_token", "command_parameter"):
        return [text(node)]
    if node.type == "array_literal_expression":
        items = [c for c in node.children if c.type == "unary_expression"]
        if len(items) > 1:
            return [v for item in items for v in (value(item) or ["<computed>"])]
    found = leaves(node, {"string_literal", "variable", "sub_expression", "parenthesized_expression",
                          "generic_token"})
    if len(found) != 1:
        return ["<computed>"]
    leaf = found[0]
    if leaf.type == "variable":
        return None if text(leaf).lower() == "$null" else ["<variable %s>" % text(leaf)]
    if leaf.type == "generic_token":
        return [text(leaf)]
    if leaf.type == "string_literal":
        raw = text(leaf)
        if raw and raw[0] in SINGLE_QUOTES:
            return [verbatim(raw)]
        return ["<expandable %s>" % raw]
    return ["<computed>"]


def walk(node, items):
    if node.type == "command":
        name = node.child_by_field_name("command_name")
        elements = node.child_by_field_name("command_elements")
        args = []
        if elements is not None:
            for child in elements.children:
                if child.type == "command_argument_sep":
                    continue
                got = value(child)
                args.extend(got if got is not None else ["$null"])
        items.append({"kind": "command", "name": text(name) if name is not None else "", "args": args})
        # Commands nested in arguments (`(go env GOMODCACHE)`) run too.
        if elements is not None:
            for child in elements.children:
                walk_nested(child, items)
        return
    if node.type == "assignment_expression":
        left = text(node.children[0]).strip()
        right = node.child_by_field_name("value")
        if left.lower().startswith("$env:"):
            got = value(right) if right is not None else ["<computed>"]
            items.append({"kind": "assign", "var": left[5:], "value": None if got is None else got[0]})
        if right is not None:
            walk(right, items)
        return
    for child in node.children:
        walk(child, items)


def walk_nested(node, items):
    for child in node.children:
        if child.type == "command":
            walk(child, items)
        else:
            walk_nested(child, items)


def reserved(node):
    """Whether `<` appears outside a string: PowerShell reserves the operator and refuses the
    script ("The '<' operator is reserved for future use"), which the grammar may not say."""
    if node.type in ("string_literal", "comment"):
        return False
    if node.child_count == 0:
        return "<" in text(node)
    return any(reserved(c) for c in node.children)


def main():
    scripts = json.load(sys.stdin)
    out = []
    for script in scripts:
        tree = PARSER.parse(script.encode("utf-8"))
        items = []
        walk(tree.root_node, items)
        out.append({"error": tree.root_node.has_error, "reserved": reserved(tree.root_node), "items": items})
    json.dump(out, sys.stdout)


main()

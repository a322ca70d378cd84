"""A page's layout, as Dash sends it (its JSON), written out as static HTML: the copy of the page
that the server puts in its first answer, shown until Dash has drawn the page itself
(dashboard/first_paint.py).

It writes what the browser would show, box for box, and nothing that acts: html components
become their tags, Bootstrap's components the markup they draw, a chart an empty box of its
reserved size, a table body whose rows travel in an attribute (layouts.table_body) with the
rows the browser builds from it, and components that draw nothing (stores, locations, tooltips,
dialogs) nothing. Everything is escaped; only tags and attributes from fixed lists are written
(never a script, a style sheet, a frame or an event handler), and a link only to a web address.
Ids are prefixed, with every reference to them (labels, ARIA, in-page links), so that the copy
never shares an id with the page Dash draws next to it. Form controls are `inert`: they cannot
be used before Dash runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import count

from markupsafe import Markup, escape

from layouts.table_body import ROWS_ATTRIBUTE, built_rows

ID_PREFIX = "statique-"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# html components written as their own tag; any other (script, style, iframe, object, base,
# meta, link…) is left out with its content.
TAGS = _words(
    """a abbr address article aside b bdi bdo blockquote br caption cite code col colgroup dd
    del details dfn div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6
    header hr i ins kbd label legend li main mark nav ol optgroup option p pre q s samp
    section select small span strong sub summary sup table tbody td textarea tfoot th thead
    time tr u ul var wbr button input output progress meter"""
)
VOID = frozenset({"br", "col", "hr", "input", "wbr"})
CONTROLS = frozenset({"button", "input", "select", "textarea"})
# Attributes written as they are (React's names on the left when they differ).
RENAMED = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "hrefLang": "hreflang",
    "dateTime": "datetime",
    "accessKey": "accesskey",
    "maxLength": "maxlength",
    "minLength": "minlength",
    "readOnly": "readonly",
    "autoComplete": "autocomplete",
    "spellCheck": "spellcheck",
}
PLAIN = _words(
    """id class for tabindex colspan rowspan hreflang datetime accesskey title lang dir role
    href target rel download scope headers abbr type name value label placeholder start span
    open hidden disabled checked selected multiple readonly required reversed min max step
    maxlength minlength autocomplete spellcheck width height cite"""
)
BOOLEAN = frozenset(
    {"open", "hidden", "disabled", "checked", "selected", "multiple", "readonly", "required"}
    | {"reversed"}
)
# Attributes naming other elements by their id, one or several (space-separated).
REFERENCES = frozenset(
    {"for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"}
    | {"aria-activedescendant", "aria-details", "aria-errormessage", "aria-flowto"}
)
ATTRIBUTE_NAME = re.compile(r"^(aria|data)-[a-z0-9][a-z0-9_.-]*$")
SAFE_LINK = re.compile(r"^(?:[/?#.]|https?:|mailto:|tel:|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
# CSS properties React writes without a unit when given a number.
UNITLESS = _words(
    """animationIterationCount aspectRatio columnCount columns flex flexGrow flexShrink
    fontWeight gridColumn gridRow lineHeight opacity order orphans tabSize widows zIndex
    zoom fillOpacity strokeOpacity"""
)
CSS_NAME = re.compile(r"^(--[A-Za-z0-9_-]+|[A-Za-z]+)$")
# Components that draw nothing where they stand (dialogs, tooltips and the like are drawn
# elsewhere, and only on demand).
NOTHING = frozenset(
    {
        ("dash_core_components", name)
        for name in ("Store", "Location", "Interval", "Download", "ConfirmDialog", "Tooltip")
    }
    | {
        ("dash_bootstrap_components", name)
        for name in ("Tooltip", "Popover", "Modal", "Offcanvas", "Toast")
    }
)


def to_html(tree: object) -> Markup:
    """The static HTML of a layout in Dash's JSON form (components as
    {"type", "namespace", "props"} dicts, strings and numbers, lists of them)."""
    return Markup("".join(_Writer().write(tree)))


class _Writer:
    def __init__(self) -> None:
        self._choice = count(1)

    def write(self, node: object) -> Iterator[str]:
        if node is None or isinstance(node, bool):
            return
        if isinstance(node, str):
            yield str(escape(node))
        elif isinstance(node, int | float):
            yield _number(node)
        elif isinstance(node, list | tuple):
            for child in node:
                yield from self.write(child)
        elif isinstance(node, dict) and isinstance(node.get("props"), dict):
            yield from self._component(node)

    def _component(self, node: dict) -> Iterator[str]:
        namespace, kind, props = node.get("namespace"), node.get("type"), node["props"]
        if (namespace, kind) in NOTHING:
            return
        if namespace == "dash_html_components" and isinstance(kind, str):
            tag = kind.lower()
            children = props.get("children")
            if tag == "tbody" and children is None:
                # Rows the browser builds from an attribute (layouts.table_body): written here.
                children = built_rows(props.get(ROWS_ATTRIBUTE))
            if tag in TAGS:
                yield from self.element(tag, _html_attributes(props), children)
            return
        draw = DRAWN.get((namespace, kind))
        if draw is not None:
            yield from draw(self, props)
            return
        # Anything else: a neutral box with the component's class and style, and its children.
        yield from self.element("div", _common(props), props.get("children"))

    def element(self, tag: str, attributes: dict, children: object = None) -> Iterator[str]:
        if tag in CONTROLS:
            attributes = {**attributes, "inert": True}
        yield f"<{tag}{_attributes(attributes)}>"
        if tag in VOID:
            return
        yield from self.write(children)
        yield f"</{tag}>"

    def choice_id(self) -> str:
        """An id for a checkbox or radio button of the copy (its label names it)."""
        return f"choix-{next(self._choice)}"


# --- attributes


def _html_attributes(props: dict) -> dict:
    attributes = {}
    for name, value in props.items():
        name = RENAMED.get(name, name)
        if name == "style":
            attributes["style"] = value
        elif name in PLAIN or ATTRIBUTE_NAME.match(name):
            attributes[name] = value
    return attributes


def _common(props: dict, *classes: object) -> dict:
    """A component's id, class (its own first, as Bootstrap's components write it) and style."""
    return {
        "id": props.get("id"),
        "class": _classes(props.get("className") or props.get("class_name"), *classes),
        "style": props.get("style"),
    }


def _classes(*names: object) -> str | None:
    joined = " ".join(str(name) for name in names if name and isinstance(name, str))
    return joined or None


def _attributes(attributes: dict) -> str:
    written = []
    for name, value in attributes.items():
        text = _attribute_value(name, value)
        if text is None:
            continue
        written.append(f" {name}" if text is True else f' {name}="{escape(text)}"')
    return "".join(written)


def _attribute_value(name: str, value: object) -> str | bool | None:
    if value is None:
        return None
    if name == "style":
        return _style(value) if isinstance(value, dict) else None
    if name == "inert" or name in BOOLEAN:
        return True if value is True or value == name else None
    if isinstance(value, bool):
        # React writes ARIA and data attributes' booleans as words, drops any other.
        return ("true" if value else "false") if ATTRIBUTE_NAME.match(name) else None
    if isinstance(value, int | float):
        value = _number(value)
    if not isinstance(value, str):
        return None  # a pattern-matching id (a dict), a list: nothing a copy needs
    if name == "id":
        return ID_PREFIX + value
    if name in REFERENCES:
        return " ".join(ID_PREFIX + token for token in value.split())
    if name == "href":
        if value.startswith("#") and len(value) > 1:
            return "#" + ID_PREFIX + value[1:]
        return value if SAFE_LINK.match(value.strip()) else None
    return value


def _style(style: dict) -> str | None:
    rules = []
    for name, value in style.items():
        if value is None or isinstance(value, bool) or not CSS_NAME.match(str(name)):
            continue
        if isinstance(value, int | float):
            value = _number(value) + ("" if value == 0 or name in UNITLESS else "px")
        css_name = name if name.startswith("--") else re.sub(r"[A-Z]", _kebab, name)
        rules.append(f"{css_name}: {value};")
    return " ".join(rules) or None


def _kebab(match: re.Match) -> str:
    return "-" + match.group(0).lower()


def _number(value: int | float) -> str:
    """As JavaScript writes it (1.0 is « 1 »)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Dash's core components


def _graph(writer: _Writer, props: dict) -> Iterator[str]:
    # An empty box of the chart's reserved size, as Dash first draws it (the chart is drawn into
    # it once its code has arrived).
    yield from writer.element("div", _common(props, "dash-graph"))


def _link(writer: _Writer, props: dict) -> Iterator[str]:
    attributes = {
        "id": props.get("id"),
        "class": props.get("className"),
        "style": props.get("style"),
        "href": props.get("href"),
        "title": props.get("title"),
        "target": props.get("target"),
    }
    yield from writer.element("a", attributes, props.get("children"))


def _loading(writer: _Writer, props: dict) -> Iterator[str]:
    # dcc.Loading holds its children in two boxes (the spinner shows only while waiting).
    yield '<div style="position: relative;"><div>'
    yield from writer.write(props.get("children"))
    yield "</div></div>"


def _upload(writer: _Writer, props: dict) -> Iterator[str]:
    # The drop zone: an outer box, and an inner one with the component's class and style.
    yield f"<div{_attributes({'id': props.get('id')})}>"
    yield from writer.element("div", _common({**props, "id": None}), props.get("children"))
    yield "</div>"


# --- Bootstrap's components (dash-bootstrap-components 2, Bootstrap 5)

BREAKPOINTS = (("xs", ""), ("sm", "-sm"), ("md", "-md"), ("lg", "-lg"), ("xl", "-xl"))


def _container(writer: _Writer, props: dict) -> Iterator[str]:
    fluid = props.get("fluid")
    kind = "container-fluid" if fluid is True else f"container-{fluid}" if fluid else "container"
    yield from writer.element("div", _common(props, kind), props.get("children"))


def _row(writer: _Writer, props: dict) -> Iterator[str]:
    align, justify = props.get("align"), props.get("justify")
    classes = _common(
        props,
        f"align-items-{align}" if align else None,
        f"justify-content-{justify}" if justify else None,
        "row",
    )
    yield from writer.element("div", classes, props.get("children"))


def _col(writer: _Writer, props: dict) -> Iterator[str]:
    sizes = {name: props.get(name) for name, _ in (*BREAKPOINTS, ("xxl", "-xxl"))}
    if sizes["xs"] is None:
        sizes["xs"] = props.get("width")
    classes = []
    for name, infix in reversed((*BREAKPOINTS, ("xxl", "-xxl"))):
        size = sizes[name]
        spec = size if isinstance(size, dict) else {"size": size}
        if spec.get("size") is True or spec.get("size") == "":
            classes.append(f"col{infix}")
        elif spec.get("size") is not None:
            classes.append(f"col{infix}-{spec['size']}")
        for extra in ("order", "offset"):
            if spec.get(extra) is not None:
                classes.append(f"{extra}{infix}-{spec[extra]}")
    if not any(name.startswith("col") for name in classes):
        classes.insert(0, "col")
    align = props.get("align")
    if align:
        classes.append(f"align-self-{align}")
    yield from writer.element("div", _common(props, *classes), props.get("children"))


def _card(writer: _Writer, props: dict) -> Iterator[str]:
    colour = props.get("color")
    colour_class = None
    if isinstance(colour, str) and re.fullmatch(r"[a-z]+", colour):
        colour_class = f"border-{colour}" if props.get("outline") else f"bg-{colour}"
    attributes = _common(
        props,
        "card",
        colour_class,
        "text-white" if props.get("inverse") else None,
        "card-body" if props.get("body") else None,
    )
    yield from writer.element("div", attributes, props.get("children"))


def _box(class_name: str, tag: str = "div") -> Callable[[_Writer, dict], Iterator[str]]:
    def draw(writer: _Writer, props: dict) -> Iterator[str]:
        yield from writer.element(tag, _common(props, class_name), props.get("children"))

    return draw


def _collapse(writer: _Writer, props: dict) -> Iterator[str]:
    if props.get("is_open"):
        yield from writer.element("div", _common(props, "collapse show"), props.get("children"))


def _alert(writer: _Writer, props: dict) -> Iterator[str]:
    if props.get("is_open") is False:
        return
    colour = props.get("color") or "success"
    attributes = _common(props, "alert", f"alert-{colour}", "fade show")
    attributes["role"] = "alert"
    yield from writer.element("div", attributes, props.get("children"))


def _label(writer: _Writer, props: dict) -> Iterator[str]:
    attributes = _common(props, "col-form-label" if props.get("width") else "form-label")
    attributes["for"] = props.get("html_for")
    yield from writer.element("label", attributes, props.get("children"))


def _options(options: object) -> list[dict]:
    if isinstance(options, dict):
        return [{"label": label, "value": value} for value, label in options.items()]
    if isinstance(options, list):
        return [
            option if isinstance(option, dict) else {"label": option, "value": option}
            for option in options
        ]
    return []


def _select(writer: _Writer, props: dict) -> Iterator[str]:
    size = props.get("size")
    attributes = _common(props, "form-select", f"form-select-{size}" if size else None)
    attributes["name"] = props.get("name")
    chosen = props.get("value")
    options = [
        _option("", props.get("placeholder") or "", disabled=True, hidden=True),
        *(
            _option(
                option.get("value"),
                option.get("label"),
                selected=option.get("value") == chosen,
                disabled=bool(option.get("disabled")),
            )
            for option in _options(props.get("options"))
        ),
    ]
    yield from writer.element("select", attributes, options)


def _option(value: object, label: object, **flags: bool) -> dict:
    props = {"value": value, "children": label}
    props.update((name, True) for name, on in flags.items() if on)
    return {"namespace": "dash_html_components", "type": "Option", "props": props}


def _choices(kind: str) -> Callable[[_Writer, dict], Iterator[str]]:
    def items(writer: _Writer, props: dict) -> Iterator[str]:
        chosen = props.get("value")
        chosen = chosen if isinstance(chosen, list) else [chosen]
        item_class = _classes(
            "form-check",
            "form-check-inline" if props.get("inline") else None,
            "form-switch" if props.get("switch") else None,
        )
        for option in _options(props.get("options")):
            checked = option.get("value") in chosen
            input_id = writer.choice_id()
            yield f'<div class="{escape(item_class)}">'
            yield "<input" + _attributes(
                {
                    "id": input_id,
                    "class": _classes(
                        "form-check-input",
                        props.get("input_class_name"),
                        props.get("input_checked_class_name") if checked else None,
                    ),
                    "type": kind,
                    "value": option.get("value"),
                    "checked": checked,
                    "disabled": bool(option.get("disabled")),
                    "inert": True,
                }
            )
            yield ">"
            yield "<label" + _attributes(
                {
                    "class": _classes(
                        "form-check-label",
                        props.get("label_class_name"),
                        props.get("label_checked_class_name") if checked else None,
                    ),
                    "for": input_id,
                }
            )
            yield ">"
            yield from writer.write(option.get("label"))
            yield "</label></div>"

    def whole(writer: _Writer, props: dict) -> Iterator[str]:
        yield f"<div{_attributes(_common(props))}>"
        yield from items(writer, props)
        yield "</div>"

    return whole


def _input(writer: _Writer, props: dict) -> Iterator[str]:
    size = props.get("size")
    attributes = _common(props, "form-control", f"form-control-{size}" if size else None)
    for name in ("type", "value", "placeholder", "name"):
        attributes[name] = props.get(name)
    yield from writer.element("input", attributes)


def _textarea(writer: _Writer, props: dict) -> Iterator[str]:
    attributes = _common(props, "form-control")
    attributes["placeholder"] = props.get("placeholder")
    attributes["rows"] = props.get("rows")
    yield from writer.element("textarea", attributes, props.get("value"))


def _button(writer: _Writer, props: dict) -> Iterator[str]:
    colour = props.get("color") or "primary"
    size = props.get("size")
    attributes = _common(
        props,
        f"btn-outline-{colour}" if props.get("outline") else f"btn-{colour}",
        f"btn-{size}" if size in ("sm", "lg") else None,
        "btn",
    )
    attributes["title"] = props.get("title")
    for name, value in props.items():
        if ATTRIBUTE_NAME.match(name):
            attributes[name] = value
    if props.get("href"):
        attributes["href"] = props["href"]
        yield from writer.element("a", attributes, props.get("children"))
        return
    attributes["type"] = props.get("type") or "button"
    attributes["disabled"] = bool(props.get("disabled"))
    yield from writer.element("button", attributes, props.get("children"))


DRAWN: dict[tuple[str, str], Callable[[_Writer, dict], Iterator[str]]] = {
    ("dash_core_components", "Graph"): _graph,
    ("dash_core_components", "Link"): _link,
    ("dash_core_components", "Loading"): _loading,
    ("dash_core_components", "Upload"): _upload,
    ("dash_bootstrap_components", "Container"): _container,
    ("dash_bootstrap_components", "Row"): _row,
    ("dash_bootstrap_components", "Col"): _col,
    ("dash_bootstrap_components", "Card"): _card,
    ("dash_bootstrap_components", "CardBody"): _box("card-body"),
    ("dash_bootstrap_components", "CardHeader"): _box("card-header"),
    ("dash_bootstrap_components", "CardFooter"): _box("card-footer"),
    ("dash_bootstrap_components", "Alert"): _alert,
    ("dash_bootstrap_components", "Collapse"): _collapse,
    ("dash_bootstrap_components", "Label"): _label,
    ("dash_bootstrap_components", "Select"): _select,
    ("dash_bootstrap_components", "Checklist"): _choices("checkbox"),
    ("dash_bootstrap_components", "RadioItems"): _choices("radio"),
    ("dash_bootstrap_components", "Input"): _input,
    ("dash_bootstrap_components", "Textarea"): _textarea,
    ("dash_bootstrap_components", "Button"): _button,
}

"""Make Qt's SVG readable by every renderer: librsvg, resvg, cairo, browsers and Qt.

``QSvgGenerator`` writes a cosmetic pen (pyqtgraph's default: a width in pixels whatever
the zoom) as ``vector-effect="non-scaling-stroke"`` on shapes under the transform of the
item that drew them, often a scale of hundreds (data units to pixels). SVG Tiny 1.2
defines that, but librsvg, cairosvg and resvg ignore it and stroke the shape in user
units: a 1-pixel line under ``scale(340)`` becomes 340 pixels wide, the giant shapes of
issue 24. This module moves such shapes into the device coordinates of the figure (their
points multiplied by the transform, their stroke widths already in pixels), so no
renderer needs the vector effect. It also gives every text a list of font families to
fall back on, and asks for small images to be drawn as pixels, not smoothed.

Pure XML, no Qt: the caller gives the font families to name.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ElementTree

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
_SVG = f"{{{SVG_NAMESPACE}}}"

#: Generic and common families after the figure's own: a renderer without the figure's
#: font still draws sans-serif text of about the same width (and Chinese with a CJK font).
FALLBACK_FAMILIES = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Liberation Sans",
    "Arial",
    "Helvetica",
    "sans-serif",
)

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
#: Commands whose arguments are all absolute points (pairs); others are not flattened.
_POINT_COMMANDS = {"M": 2, "L": 2, "C": 6, "Q": 4, "Z": 0}
_GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}

#: The fill of a rectangle that says: clip what follows, up to the next such rectangle,
#: to me (written by the exporter before each widget; Qt's SVG engine loses the clip a
#: widget's own painting replaces).
CLIP_MARK = "#fe01fd"

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _number(value: float) -> str:
    """A coordinate as short text: 4 decimals are a ten-thousandth of a pixel."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def parse_matrix(text: str | None) -> Matrix | None:
    """The ``(a, b, c, d, e, f)`` of a ``matrix(...)`` transform; None for anything else.

    >>> parse_matrix("matrix(2,0,0,-3,10,20)")
    (2.0, 0.0, 0.0, -3.0, 10.0, 20.0)
    >>> parse_matrix("rotate(45)") is None
    True
    """
    if text is None:
        return IDENTITY
    match = _MATRIX.match(text)
    if not match:
        return None
    values = [float(part) for part in _NUMBER.findall(match.group(1))]
    return tuple(values) if len(values) == 6 else None  # type: ignore[return-value]


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _points_text(matrix: Matrix, values: list[float]) -> str:
    pairs = []
    for index in range(0, len(values) - 1, 2):
        x, y = _apply(matrix, values[index], values[index + 1])
        pairs.append(f"{_number(x)},{_number(y)}")
    return " ".join(pairs)


def transform_path(d: str, matrix: Matrix) -> str | None:
    """Path data ``d`` with every point multiplied by ``matrix``; None if it cannot be.

    Qt writes absolute ``M``, ``L``, ``C`` and ``Z`` commands; anything else (relative
    commands, arcs) is left to the caller.

    >>> transform_path("M0,0 L1,0 L0.5,1 Z", (10, 0, 0, -10, 5, 5))
    'M5,5 L15,5 L10,-5 Z'
    """
    tokens = _PATH_TOKEN.findall(d)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        command = tokens[index]
        if command not in _POINT_COMMANDS:
            return None
        index += 1
        size = _POINT_COMMANDS[command]
        if size == 0:
            out.append(command)
            continue
        values: list[float] = []
        while index < len(tokens) and not tokens[index].isalpha():
            values.append(float(tokens[index]))
            index += 1
        if not values or len(values) % size:
            return None
        out.append(command + _points_text(matrix, values))
    return " ".join(out)


def _ellipse_path(cx: float, cy: float, rx: float, ry: float) -> str:
    """An ellipse as four cubic Béziers (the curves Qt itself draws circles with)."""
    k = 0.5522847498
    return (
        f"M{cx + rx},{cy} "
        f"C{cx + rx},{cy + k * ry} {cx + k * rx},{cy + ry} {cx},{cy + ry} "
        f"C{cx - k * rx},{cy + ry} {cx - rx},{cy + k * ry} {cx - rx},{cy} "
        f"C{cx - rx},{cy - k * ry} {cx - k * rx},{cy - ry} {cx},{cy - ry} "
        f"C{cx + k * rx},{cy - ry} {cx + rx},{cy - k * ry} {cx + rx},{cy} Z"
    )


def _as_path(element: ElementTree.Element, d: str) -> None:
    """Turn ``element`` into a ``<path>`` with data ``d``, keeping its styling."""
    for name in ("x", "y", "width", "height", "cx", "cy", "r", "rx", "ry", "points"):
        element.attrib.pop(name, None)
    element.tag = f"{_SVG}path"
    element.set("d", d)


def flatten_element(element: ElementTree.Element, matrix: Matrix) -> bool:
    """Move a shape's geometry through ``matrix`` into device coordinates, in place.

    Returns False (and leaves the element alone) for a shape it cannot move.
    """
    tag = element.tag.removeprefix(_SVG)
    number = element.get
    try:
        if tag in ("polyline", "polygon"):
            values = [float(value) for value in _NUMBER.findall(number("points", ""))]
            element.set("points", _points_text(matrix, values))
        elif tag == "line":
            x1, y1 = _apply(matrix, float(number("x1", 0)), float(number("y1", 0)))
            x2, y2 = _apply(matrix, float(number("x2", 0)), float(number("y2", 0)))
            for name, value in (("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)):
                element.set(name, _number(value))
        elif tag == "path":
            d = transform_path(number("d", ""), matrix)
            if d is None:
                return False
            element.set("d", d)
        elif tag == "rect":
            if number("rx") or number("ry"):
                return False
            x, y = float(number("x", 0)), float(number("y", 0))
            width, height = float(number("width", 0)), float(number("height", 0))
            a, b, c, d, _, _ = matrix
            if b == 0 and c == 0:
                x0, y0 = _apply(matrix, x, y)
                x1, y1 = _apply(matrix, x + width, y + height)
                element.set("x", _number(min(x0, x1)))
                element.set("y", _number(min(y0, y1)))
                element.set("width", _number(abs(x1 - x0)))
                element.set("height", _number(abs(y1 - y0)))
            else:
                corners = [x, y, x + width, y, x + width, y + height, x, y + height]
                _as_path(element, f"M{_points_text(matrix, corners).replace(' ', ' L')} Z")
        elif tag in ("circle", "ellipse"):
            cx, cy = float(number("cx", 0)), float(number("cy", 0))
            if tag == "circle":
                rx = ry = float(number("r", 0))
            else:
                rx, ry = float(number("rx", 0)), float(number("ry", 0))
            d = transform_path(_ellipse_path(cx, cy, rx, ry), matrix)
            if d is None:
                return False
            _as_path(element, d)
        else:
            return False
    except ValueError:
        return False
    return True


def _scale_of(matrix: Matrix) -> float:
    a, b, c, d, _, _ = matrix
    return math.sqrt(abs(a * d - b * c))


def _flatten_group(group: ElementTree.Element) -> None:
    """Give ``group``'s non-scaling shapes device coordinates.

    Its other children keep the transform, moved onto each of them.
    """
    transform = group.get("transform")
    matrix = parse_matrix(transform)
    children = list(group)
    if matrix is None or not any(
        child.get("vector-effect") == "non-scaling-stroke" for child in children
    ):
        return
    identity = matrix == IDENTITY
    for child in children:
        if child.get("vector-effect") == "non-scaling-stroke":
            child.attrib.pop("vector-effect")
            if identity or flatten_element(child, matrix):
                continue
            # A shape it cannot move keeps the transform; its stroke is made thinner by
            # the transform's mean scale, which is exact for the uniform scales Qt uses.
            scale = _scale_of(matrix)
            width = float(child.get("stroke-width", group.get("stroke-width", "1")))
            if scale > 0:
                child.set("stroke-width", _number(width / scale))
        if not identity and child.get("transform") is None:
            child.set("transform", transform)
        elif not identity:  # (Qt puts no transform on a child, but compose if one did)
            inner = parse_matrix(child.get("transform")) or IDENTITY
            child.set("transform", _matrix_text(_compose(matrix, inner)))
    group.attrib.pop("transform", None)


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    a, b, c, d, e, f = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _matrix_text(matrix: Matrix) -> str:
    return "matrix(" + ",".join(_number(value) for value in matrix) + ")"


def _clip_mark(group: ElementTree.Element) -> tuple[float, float, float, float] | None:
    """The rectangle of a clip mark, if ``group`` is one (see :data:`CLIP_MARK`)."""
    if group.tag != f"{_SVG}g" or group.get("fill", "").lower() != CLIP_MARK:
        return None
    rects = list(group)
    if len(rects) != 1 or rects[0].tag != f"{_SVG}rect":
        return None
    matrix = parse_matrix(group.get("transform")) or IDENTITY
    rect = rects[0]
    x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
    x0, y0 = _apply(matrix, x, y)
    x1, y1 = _apply(matrix, x + float(rect.get("width", 0)), y + float(rect.get("height", 0)))
    return min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)


def _apply_clip_marks(root: ElementTree.Element) -> None:
    """Replace each clip mark by a clip path around what follows it, up to the next."""
    defs = root.find(f"{_SVG}defs")
    if defs is None:
        defs = ElementTree.Element(f"{_SVG}defs")
        root.insert(0, defs)
    for container in list(root.iter(f"{_SVG}g")):
        children = list(container)
        if not any(_clip_mark(child) for child in children):
            continue
        for child in children:
            container.remove(child)
        current: ElementTree.Element | None = None
        for child in children:
            rect = _clip_mark(child)
            if rect is not None:
                identifier = f"widgetClip{len(defs)}"
                clip = ElementTree.SubElement(defs, f"{_SVG}clipPath", id=identifier)
                x, y, width, height = rect
                ElementTree.SubElement(
                    clip,
                    f"{_SVG}rect",
                    x=_number(x),
                    y=_number(y),
                    width=_number(width),
                    height=_number(height),
                )
                current = ElementTree.SubElement(
                    container, f"{_SVG}g", {"clip-path": f"url(#{identifier})"}
                )
            elif current is not None:
                current.append(child)
            else:
                container.append(child)


def font_family_list(families: list[str]) -> str:
    """A CSS ``font-family`` value: the given families first, then the fallbacks.

    >>> font_family_list(["DejaVu Sans"])[:40]
    "'DejaVu Sans', 'Noto Sans', 'Noto Sans C"
    """
    names: list[str] = []
    for family in [*families, *FALLBACK_FAMILIES]:
        family = family.strip().strip("'\"")
        if family and family not in names:
            names.append(family)
    return ", ".join(
        name if name in _GENERIC_FAMILIES else "'" + name.replace("'", "") + "'" for name in names
    )


def _enlarge_images(root: ElementTree.Element, enlarge) -> None:
    """Let ``enlarge(href, width, height)`` replace each unsmoothed image's data.

    ``width`` and ``height`` are the image's size on the page in pixels. librsvg smooths
    every image whatever ``image-rendering`` says: a 3 x 3 matrix became a blur. An image
    enlarged beforehand (each pixel a block of pixels) stays a grid of cells anywhere.
    """
    href_name = f"{{{XLINK_NAMESPACE}}}href"
    for group in root.iter(f"{_SVG}g"):
        matrix = parse_matrix(group.get("transform")) or IDENTITY
        for image in group.findall(f"{_SVG}image"):
            if image.get("image-rendering") != "optimizeSpeed" or not image.get(href_name):
                continue
            inner = parse_matrix(image.get("transform")) or IDENTITY
            a, b, c, d, _, _ = _compose(matrix, inner)
            width = float(image.get("width", 0)) * math.hypot(a, b)
            height = float(image.get("height", 0)) * math.hypot(c, d)
            href = enlarge(image.get(href_name), width, height)
            if href:
                image.set(href_name, href)


def _invert(matrix: Matrix) -> Matrix | None:
    a, b, c, d, e, f = matrix
    det = a * d - b * c
    if det == 0:
        return None
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _clip_images(root: ElementTree.Element, shapes) -> None:
    """Clip each image that lies at one of ``shapes``' rectangles to its polygon.

    ``shapes`` are ``((x, y, width, height), [(x, y), ...])`` in page pixels: an image a
    non-rectangular item clips (the simplex's triangle). Qt's SVG engine writes such a
    clip, intersected with the plot's, as a bounding box or a staircase of pixels.
    """
    if not shapes:
        return
    defs = root.find(f"{_SVG}defs")
    if defs is None:
        defs = ElementTree.Element(f"{_SVG}defs")
        root.insert(0, defs)
    for group in list(root.iter(f"{_SVG}g")):
        matrix = parse_matrix(group.get("transform")) or IDENTITY
        for image in group.findall(f"{_SVG}image"):
            inner = parse_matrix(image.get("transform")) or IDENTITY
            full = _compose(matrix, inner)
            x, y = float(image.get("x", 0)), float(image.get("y", 0))
            x0, y0 = _apply(full, x, y)
            x1, y1 = _apply(
                full, x + float(image.get("width", 0)), y + float(image.get("height", 0))
            )
            box = (min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
            for rect, polygon in shapes:
                if all(abs(p - q) < 1.0 for p, q in zip(box, rect, strict=True)):
                    inverse = _invert(matrix)
                    if inverse is None:
                        break
                    identifier = f"shapeClip{len(defs)}"
                    clip = ElementTree.SubElement(defs, f"{_SVG}clipPath", id=identifier)
                    values = [value for point in polygon for value in point]
                    ElementTree.SubElement(
                        clip, f"{_SVG}polygon", points=_points_text(inverse, values)
                    )
                    wrapper = ElementTree.Element(f"{_SVG}g", {"clip-path": f"url(#{identifier})"})
                    index = list(group).index(image)
                    group.remove(image)
                    wrapper.append(image)
                    group.insert(index, wrapper)
                    break


def portable_svg(
    data: bytes, families: dict[str, list[str]] | None = None, enlarge=None, shapes=()
) -> bytes:
    """Qt's SVG ``data`` rewritten for any renderer (see the module's description).

    ``families`` maps a family name Qt wrote (``"Sans Serif"``) to the installed families
    it stands for, first choice first; every ``font-family`` then names those and
    :data:`FALLBACK_FAMILIES`. ``enlarge``, if given, is called for each image drawn
    unsmoothed (see :func:`_enlarge_images`); ``shapes`` clip images to polygons (see
    :func:`_clip_images`).
    """
    ElementTree.register_namespace("", SVG_NAMESPACE)
    ElementTree.register_namespace("xlink", XLINK_NAMESPACE)
    root = ElementTree.fromstring(data)
    view_box = root.get("viewBox", "").split()
    if len(view_box) == 4:
        # The size in pixels, the viewBox's: a size in mm is read at 96 dpi by some
        # renderers, at 72 by others, and refused by resvg unless told a dpi.
        root.set("width", view_box[2])
        root.set("height", view_box[3])
    families = families or {}
    lists: dict[str, str] = {}
    for element in root.iter():
        family = element.get("font-family")
        if family is not None:
            if family not in lists:
                lists[family] = font_family_list(families.get(family, [family]))
            element.set("font-family", lists[family])
        if element.tag == f"{_SVG}image":
            # Nearest-neighbour in every renderer (Qt already wrote optimizeSpeed when
            # it drew the image unsmoothed); a small heatmap stays a grid of cells.
            if element.get("image-rendering") == "optimizeSpeed":
                element.set("style", "image-rendering:pixelated")
    if enlarge is not None:
        _enlarge_images(root, enlarge)
    _clip_images(root, shapes)
    for group in list(root.iter(f"{_SVG}g")):
        _flatten_group(group)
    _apply_clip_marks(root)
    for element in root.iter():  # (what is left: clip paths, which have no stroke)
        element.attrib.pop("vector-effect", None)
    body = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body + "\n").encode(
        "utf-8"
    )


__all__ = ["FALLBACK_FAMILIES", "portable_svg", "transform_path"]

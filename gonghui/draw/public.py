"""The public verification page (no sign-in): the frozen list, its digest, the seed source
announcement and the seed, the result, and a button that re-runs GH-DRAW-1 in the browser
(static/draw/ghdraw.js with the vendored js-sha256) and says whether it matches."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from gonghui.draw import engine, selectors


def _draw(code):
    draw = selectors.public_draw(code)
    if draw is None:
        raise Http404
    return draw


def draw_public(request, code):
    draw = _draw(code)
    result = selectors.published_result(draw)
    return render(
        request,
        "draw/public.html",
        {
            "draw": draw,
            "prizes": draw.prizes.order_by("position"),
            "result": result,
            "algorithm": engine.ALGORITHM,
            "prize_json": json.dumps(
                [[p.name, p.count] for p in draw.prizes.order_by("position")], ensure_ascii=False
            ),
        },
    )


@cache_control(public=True, max_age=300)
def draw_public_list(request, code):
    """The frozen list, byte for byte as digested."""
    draw = _draw(code)
    response = HttpResponse(
        draw.list_text.encode("utf-8"), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.public_code}.txt"'
    return response

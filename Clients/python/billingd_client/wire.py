"""What both clients share on the wire: money as Decimal (never float), the JSON
encoding of requests and decoding of responses, and where the socket is."""

from __future__ import annotations

import decimal
import json
import os
from decimal import Decimal
from typing import Any, Dict, Mapping, Optional, Union

DEFAULT_SOCKET = "./billingd.sock"


def to_decimal(value: Union[str, int, Decimal, None]) -> Optional[Decimal]:
    """A money value from a response (a decimal string) as ``Decimal``; None stays None.

    Floats are refused: they cannot represent money exactly.
    """
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError("money must be a decimal string, int or Decimal, not %s"
                        % type(value).__name__)
    try:
        return Decimal(value) if isinstance(value, (str, Decimal)) else Decimal(int(value))
    except decimal.InvalidOperation:
        raise ValueError("not a decimal: %r" % (value,)) from None


def money(value: Union[str, int, Decimal], places: int = 2) -> Decimal:
    """``value`` as a ``Decimal`` with exactly ``places`` decimals (2 for prices and
    payment amounts, 6 for ``cost_usd``). Raises ValueError if that would round."""
    d = to_decimal(value)
    if d is None:
        raise TypeError("money needs a value, not None")
    q = d.quantize(Decimal(1).scaleb(-places))
    if q != d:
        raise ValueError("%s has more than %d decimals" % (value, places))
    return q


def money_param(value: Any, places: int) -> str:
    return str(money(value, places))


def _json_default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            raise ValueError("cannot send a non-finite Decimal")
        return str(obj)
    raise TypeError("%s is not JSON serializable" % type(obj).__name__)


def encode(obj: Any) -> bytes:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False, default=_json_default)
    return text.encode("utf-8") + b"\n"


def decode(line: bytes) -> Any:
    return json.loads(line.decode("utf-8"), parse_float=Decimal)


def resolve_socket_path(socket_path: Optional[str] = None) -> str:
    """The contract's rule: the argument, else env ``BILLINGD_SOCKET``, else
    ``./billingd.sock``."""
    if socket_path:
        return os.fspath(socket_path)
    return os.environ.get("BILLINGD_SOCKET") or DEFAULT_SOCKET




def build_params(fixed: Mapping[str, Any], extra: Mapping[str, Any]) -> Dict[str, Any]:
    """The params of a convenience wrapper: its named arguments that are not None, then
    its ``**kw``; ``cost_usd`` is checked and sent as a 6-place decimal string."""
    params = {k: v for k, v in fixed.items() if v is not None}
    params.update(extra)
    if params.get("cost_usd") is not None:
        params["cost_usd"] = money_param(params["cost_usd"], 6)
    return params

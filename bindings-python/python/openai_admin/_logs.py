"""Logging through the `openai_admin` logger; `OPENAI_LOG=debug|info` turns it on."""

from __future__ import annotations

import os


def setup_logging() -> None:
    level = os.environ.get("OPENAI_LOG", "").lower()
    if level not in ("debug", "info"):
        return
    import logging  # only when asked for: importing it costs more than the package

    logger = logging.getLogger("openai_admin")
    logging.basicConfig(format="[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)

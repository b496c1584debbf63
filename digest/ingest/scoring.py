"""Which lines of a page are the article: a small logistic model over `features`, in plain Python.

The weights are data (`data/line_model.json`), trained on the tuning part of the evaluation
corpus by `benchmarks/train_line_model.py`; two passes, the second also seeing how the
neighbours scored.
"""
from __future__ import annotations

import json
import math
import operator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from digest.ingest.features import CONTEXT_NAMES, NAMES, line_features, with_context

MODEL_FILE = Path(__file__).with_name("data") / "line_model.json"


@dataclass(frozen=True)
class Logistic:
    """Weights over standardized features, folded once into one coefficient per raw feature."""

    coefficients: tuple[float, ...]
    intercept: float

    def logit(self, row: list[float]) -> float:
        return self.intercept + sum(map(operator.mul, self.coefficients, row))

    def probability(self, row: list[float]) -> float:
        z = self.logit(row)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict) -> Logistic:
        coefficients = tuple(w / s for w, s in zip(data["weights"], data["scale"]))
        intercept = -sum(c * m for c, m in zip(coefficients, data["mean"]))
        return cls(coefficients, intercept)


@dataclass(frozen=True)
class LineModel:
    first: Logistic
    second: Logistic
    threshold: float


@lru_cache(maxsize=1)
def line_model() -> LineModel:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != NAMES or tuple(data["context_features"]) != CONTEXT_NAMES:
        raise ValueError(f"{MODEL_FILE}: trained on other features; rerun benchmarks/train_line_model.py")
    return LineModel(Logistic.from_json(data["first"]), Logistic.from_json(data["second"]), data["threshold"])


def body_probabilities(lines: list[str], model: LineModel | None = None) -> list[float]:
    """For each line, how likely it is part of the article's text (not page furniture)."""
    model = model or line_model()
    rows = line_features(lines)
    first = [model.first.probability(row) for row in rows]
    return [model.second.probability(row) for row in with_context(rows, first)]


@dataclass(frozen=True)
class Ranker:
    """A conditional logit over a page's candidates (headlines, printed dates, publisher names):
    the likeliest candidate has the highest logit; `share` is its softmax probability."""

    model: Logistic
    good: float  # a share above which the choice needs no review

    def best(self, rows: list[list[float]], none_row: list[float] | None = None) -> tuple[int, float] | None:
        """(index of the best row, its share among all rows and `none_row`, the row standing for
        "none of these"), or None without rows."""
        if not rows:
            return None
        logits = [self.model.logit(row) for row in rows]
        top = max(range(len(logits)), key=lambda i: (logits[i], -i))
        if none_row is not None:
            logits.append(self.model.logit(none_row))
        peak = max(logits)
        total = sum(math.exp(max(-60.0, z - peak)) for z in logits)
        return top, math.exp(logits[top] - peak) / total


def load_ranker(path: Path, names: tuple[str, ...]) -> Ranker:
    """A ranker's weights from its JSON file, refused when they were trained on other features."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != names:
        raise ValueError(f"{path}: trained on other features; rerun benchmarks/train_line_model.py")
    return Ranker(Logistic.from_json(data["model"]), float(data.get("good", 0.5)))

"""Render a data card (Hub YAML metadata + markdown body) from a build manifest."""

from __future__ import annotations

from importlib import resources
from typing import Any

import jinja2
from huggingface_hub import DatasetCard, DatasetCardData

TEMPLATES = resources.files("cards") / "templates"
TEMPLATE = TEMPLATES / "dataset_card.md.j2"


def size_category(n: int) -> str:
    """The Hub's size_categories bucket for ``n`` examples."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
              (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")]
    return next((label for bound, label in bounds if n < bound), "10M<n<100M")


# The schema in the Hub's YAML feature syntax (see curation.schema).
FEATURES = [
    {"name": "id", "dtype": "string"},
    {"name": "source", "dtype": "string"},
    {"name": "source_index", "dtype": "int64"},
    {"name": "system", "dtype": "string"},
    {"name": "tools", "dtype": "string"},
    {"name": "messages", "list": [{"name": "role", "dtype": "string"},
                                  {"name": "content", "dtype": "string"}]},
]


def dataset_info(manifest: dict[str, Any]) -> dict[str, Any]:
    """Features, split sizes and byte counts. Besides documenting the data, they
    feed `datasets`' cache key: without them two local folders with the same
    name and card (e.g. two builds of v2) share one cache entry and
    ``load_dataset`` returns the first one's rows for both."""
    size = manifest["arrow_bytes"]
    return {
        "features": FEATURES,
        "splits": [{"name": "train", "num_bytes": size,
                    "num_examples": manifest["counts"]["kept"]}],
        "download_size": sum(f["bytes"] for f in manifest["files"]),
        "dataset_size": size,
    }


def card_data(manifest: dict[str, Any]) -> DatasetCardData:
    licenses = sorted({s["license"] for s in manifest["sources"]})
    links = {s.get("license_link") for s in manifest["sources"]}
    hub_ids = sorted({s["hub"] for s in manifest["sources"] if s.get("hub")})
    output_langs = manifest["stats"]["output"]["languages"]
    langs = {lang for role in output_langs.values() for lang in role if lang != "und"}
    return DatasetCardData(
        language=sorted(langs | {"zh"}),
        license=licenses[0] if len(licenses) == 1 else "other",
        license_name=None if len(licenses) == 1 else "mixed: " + ", ".join(licenses),
        # one license: its terms; mixed: each source's terms are linked in the Sources table
        license_link=next(iter(links)) if len(licenses) == 1 and len(links) == 1 else None,
        source_datasets=hub_ids or None,
        task_categories=["text-generation"],
        size_categories=[size_category(manifest["counts"]["kept"])],
        pretty_name=f"{manifest['dataset']} {manifest['version']}",
        tags=["instruction-tuning", "chinese", "curated"],
        dataset_info=dataset_info(manifest),
        configs=[{"config_name": "default",
                  "data_files": [{"split": "train", "path": "data/train-*"}]}],
    )


def render_partial(name: str, **context: Any) -> str:
    """One section of the card from its own template (``templates/<name>``), so sections
    can change without touching the main template."""
    env = jinja2.Environment(keep_trailing_newline=True)
    return env.from_string((TEMPLATES / name).read_text(encoding="utf-8")).render(**context)


def render_dataset_card(manifest: dict[str, Any], removal_examples: list[dict[str, str]]) -> str:
    card = DatasetCard.from_template(
        card_data(manifest),
        template_str=TEMPLATE.read_text(encoding="utf-8"),
        m=manifest,
        examples=removal_examples,
        contamination_section=render_partial(
            "contamination.md.j2", contamination=manifest.get("contamination", [])),
    )
    return str(card)

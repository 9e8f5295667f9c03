"""YAML as people expect it: only true/false are booleans (YAML 1.2).

PyYAML follows YAML 1.1, where `no`, `off`, `yes`, `on` are booleans: a
document id `off` or a lexicon entry `false` would silently change type.
Every YAML file of the project (authoring files, lexicons, knowledge base)
is read through `load_yaml`; users' front matter and sidecars through
`load_metadata_yaml`, so that `id: no` stays an id and `lang: no` Norwegian.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


def _without(loader: type[yaml.SafeLoader], tag: str) -> dict:
    """`loader`'s implicit resolvers less those that produce `tag` (plain scalars then stay text)."""
    return {key: [(t, regexp) for t, regexp in resolvers if t != tag]
            for key, resolvers in loader.yaml_implicit_resolvers.items()}


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader whose booleans are only true/false."""


Yaml12Loader.yaml_implicit_resolvers = _without(yaml.SafeLoader, "tag:yaml.org,2002:bool")
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class MetadataLoader(Yaml12Loader):
    """Yaml12Loader that leaves dates as written.

    Users' front matter and sidecars are read with it: a date such as
    `2021-02-30` is then reported by the date parser at its line, where
    PyYAML's own timestamp reading would raise and stop the whole run.
    """


MetadataLoader.yaml_implicit_resolvers = _without(Yaml12Loader, "tag:yaml.org,2002:timestamp")


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def load_metadata_yaml(text: str) -> Any:
    """Users' metadata: YAML 1.2 booleans, dates kept as text for the date parser."""
    return yaml.load(text, Loader=MetadataLoader)

"""YAML as people expect it: only true/false are booleans (YAML 1.2).

PyYAML follows YAML 1.1, where `no`, `off`, `yes`, `on` are booleans: a
document id `off` or a lexicon entry `false` would silently change type.
Every YAML file of the project (authoring files, lexicons, knowledge base)
is read through `load_yaml`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader whose booleans are only true/false."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)

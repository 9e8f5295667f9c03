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


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader whose booleans are only true/false."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class MetadataLoader(Yaml12Loader):
    """Yaml12Loader that leaves dates as written.

    Users' front matter and sidecars are read with it: a date such as
    `2021-02-30` is then reported by the date parser at its line, where
    PyYAML's own timestamp reading would raise and stop the whole run.
    """


MetadataLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in Yaml12Loader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def load_metadata_yaml(text: str) -> Any:
    """Users' metadata: YAML 1.2 booleans, dates kept as text for the date parser."""
    return yaml.load(text, Loader=MetadataLoader)

"""The records of the dataset: the single definition behind schemas, validation and key order."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Record(BaseModel):
    """Base of every model: unknown keys are errors and field order is the output key order. Every
    field is written, so the schemas (serialization mode) list every field as required."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Mention(Record):
    """One occurrence of an extracted string: `text[start:end]` of the release's plain text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


SectionKind = Literal["headline", "subheadline", "dateline", "body", "about", "contact", "end_mark"]


class Section(Record):
    """A structural part of a release, as a span of its text."""

    kind: SectionKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Release(Record):
    """One decoded input document; every offset in the dataset refers to `text`."""

    doc_id: str
    source: str
    text: str
    sha256: str
    encoding: str = "utf-8"


class Dateline(Record):
    """Where and when a release was issued, read from its dateline; `mentions` ground city and date."""

    city: str | None = None
    region: str | None = None
    country: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    wire: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Document(Record):
    doc_id: str
    source: str
    sha256: str
    encoding: str
    headline: str | None
    dateline: Dateline
    sections: list[Section]


class Affiliation(Record):
    """A role a person holds; `mentions` ground the title (and the organization where it is written)."""

    title: str
    organization: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Person(Record):
    doc_id: str
    name: str
    affiliations: list[Affiliation] = Field(default_factory=list)
    mentions: list[Mention]


class Organization(Record):
    doc_id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention]


class City(Record):
    doc_id: str
    name: str
    country: str | None = None
    mentions: list[Mention]


class Speech(Record):
    doc_id: str
    title: str
    speaker: str | None
    speaker_title: str | None = None
    speaker_organization: str | None = None
    mentions: list[Mention]


WinnerKind = Literal["person", "organization", "city", "product", "other"]


class Winner(Record):
    """One named winner; its mentions are among the award's mentions."""

    name: str
    kind: WinnerKind


class Award(Record):
    doc_id: str
    name: str
    stated_count: int | None = None
    winners: list[Winner] = Field(default_factory=list)
    complete: bool = True
    warnings: list[str] = Field(default_factory=list)
    mentions: list[Mention]


class Reject(Record):
    """An input or release that gave no records, and why. `detail` (the traceback, for a stage that
    raised) is written only with --verbose, and omitted, not null, otherwise."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=False)

    doc_id: str
    source: str
    stage: str
    error: str
    detail: str | None = None


class ReleaseRecords(Record):
    """Everything extracted from one release: the return value of `extract_release`."""

    document: Document
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    cities: list[City] = Field(default_factory=list)
    speeches: list[Speech] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)


class ManifestModel(Record):
    """The spaCy pipeline a run used."""

    name: str
    version: str | None


class ManifestInput(Record):
    """One release read: where from, and the hash of the text its offsets refer to."""

    doc_id: str
    source: str
    sha256: str


class Manifest(Record):
    """`manifest.json`: what produced the dataset and from what."""

    pipeline: str
    version: str
    model: ManifestModel
    stages: list[str]
    counts: dict[str, int]
    inputs: list[ManifestInput]


# Output file name -> record model, in the order files are written and counted.
OUTPUT_MODELS: dict[str, type[Record]] = {
    "documents": Document,
    "people": Person,
    "organizations": Organization,
    "cities": City,
    "speeches": Speech,
    "awards": Award,
    "rejects": Reject,
}

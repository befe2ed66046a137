"""Guide packs: export the guides in use, import a pack after validating all of it, roll back.

The kiosk reads its guides and catalogue from :func:`active_source`: the pack imported last
(``<data dir>/guide_packs/current``), else the resources shipped with the program. An import
unpacks into a staging folder beside it, validates everything there (every guide as
``kiosk guides check`` does, the catalogue, every picture, every hash), and only then moves
``current`` to ``previous`` and the staging folder to ``current``; a refused pack leaves
both untouched. An empty ``current`` or ``previous`` folder stands for the shipped resources,
so a rollback after the first import goes back to them. Files: :mod:`.pack_files`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk import __version__
from kiosk.domain.catalogue import Catalogue, CatalogueError, default_catalogue, load_catalogue
from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.resources import resource_path
from kiosk.services.guides.checker import check_guides
from kiosk.services.guides.images import svg_problems
from kiosk.services.guides.loader import guide_files, load_guides
from kiosk.services.guides.model import IMAGES_DIR, GuideLibrary
from kiosk.services.guides.pack_files import (
    CATALOGUE_FILE,
    GUIDES_FOLDER,
    MANIFEST,
    GuidePackError,
    Manifest,
    check_version,
    parse_manifest,
    read_pack,
    sha256,
    write_pack,
)

PACKS_FOLDER = "guide_packs"
CURRENT, PREVIOUS = "current", "previous"
SHIPPED_VERSION = f"kiosk-{__version__}"  # the guides shipped with this program

INVALID_PACK = QT_TRANSLATE_NOOP(
    "guides", "Gói hướng dẫn không hợp lệ, chưa thay gì: {problem} (tổng cộng {count} lỗi)."
)
MISSING_CODE = QT_TRANSLATE_NOOP(
    "guides", "Danh mục trong gói thiếu mã '{code}' ({section}) mà kiosk đang dùng."
)
NO_GUIDES = QT_TRANSLATE_NOOP("guides", "Gói không có hướng dẫn nào.")
NO_PREVIOUS = QT_TRANSLATE_NOOP("guides", "Chưa có gói hướng dẫn trước đó để quay lại.")


@dataclass(frozen=True)
class GuideSource:
    """Where the guides and the catalogue in use come from, and the version they carry."""

    guides_dir: Path
    catalogue_file: Path | None  # None: the shipped catalogue
    version: str
    created: str = ""

    @property
    def shipped(self) -> bool:
        """Whether these are the resources shipped with the program."""
        return self.catalogue_file is None

    def catalogue(self) -> Catalogue:
        """The catalogue of this source."""
        if self.catalogue_file is None:
            return default_catalogue()
        return load_catalogue(self.catalogue_file)

    def guides(self, catalogue: Catalogue | None = None) -> GuideLibrary:
        """The guides of this source, validated."""
        return load_guides(self.guides_dir, catalogue or self.catalogue())


def packs_root(data_dir: Path) -> Path:
    """Where imported packs are kept."""
    return data_dir / PACKS_FOLDER


def shipped_source() -> GuideSource:
    """The guides and catalogue shipped in resources/."""
    return GuideSource(resource_path("guides"), None, SHIPPED_VERSION)


def source_of(folder: Path) -> GuideSource | None:
    """The pack unpacked in ``folder``, or ``None`` when it stands for the shipped ones."""
    manifest_file = folder / MANIFEST
    if not manifest_file.is_file():
        return None
    manifest = parse_manifest(manifest_file.read_bytes())
    return GuideSource(
        folder / GUIDES_FOLDER, folder / CATALOGUE_FILE, manifest.version, manifest.created
    )


def folder_source(folder: Path) -> GuideSource:
    """Guides being edited in ``folder``, laid out like resources/ (``guides/``,
    ``catalogue/services.toml``), for ``kiosk guides export --from``."""
    return GuideSource(folder / GUIDES_FOLDER, folder / CATALOGUE_FILE, "")


def active_source(data_dir: Path) -> GuideSource:
    """The pack imported last, else the shipped resources."""
    return source_of(packs_root(data_dir) / CURRENT) or shipped_source()


def previous_source(data_dir: Path) -> GuideSource | None:
    """What a rollback would bring back (``None``: nothing to roll back to)."""
    folder = packs_root(data_dir) / PREVIOUS
    if not folder.is_dir():
        return None
    return source_of(folder) or shipped_source()


def pack_contents(source: GuideSource) -> dict[str, bytes]:
    """Every file a pack of ``source`` holds, by its name in the pack."""
    catalogue = source.catalogue_file or resource_path("catalogue", "services.toml")
    contents = {CATALOGUE_FILE: catalogue.read_bytes()}
    for path in guide_files(source.guides_dir):
        contents[f"{GUIDES_FOLDER}/{path.name}"] = path.read_bytes()
    for path in sorted((source.guides_dir / IMAGES_DIR).glob("*.svg")):
        contents[f"{GUIDES_FOLDER}/{IMAGES_DIR}/{path.name}"] = path.read_bytes()
    return contents


def default_version(contents: dict[str, bytes], now: datetime) -> str:
    """``YYYYMMDD-`` and the first 8 hex digits of the hash of every file's hash."""
    digest = sha256("".join(f"{n}:{sha256(d)}\n" for n, d in sorted(contents.items())).encode())
    return f"{now:%Y%m%d}-{digest[:8]}"


def export_pack(
    out: Path, source: GuideSource, now: datetime, version: str | None = None
) -> Manifest:
    """Write ``source`` (validated first: a broken set is never packed) to the zip ``out``."""
    contents = pack_contents(source)
    with tempfile.TemporaryDirectory(prefix="quayso-pack-") as folder:
        _unpack(Path(folder), contents)
        _refuse_problems(tree_problems(Path(folder), None))
    manifest = Manifest(
        check_version(version) if version else default_version(contents, now),
        now.isoformat(timespec="seconds"),
        {name: sha256(data) for name, data in contents.items()},
    )
    write_pack(out, manifest, contents)
    return manifest


def import_pack(pack: Path, data_dir: Path) -> GuideSource:
    """Validate ``pack`` completely, then make it the guides in use (the one in use before
    is kept for :func:`rollback`). Nothing is replaced when any check fails."""
    manifest, contents = read_pack(pack)
    root = packs_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=root))
    try:
        _unpack(staging, contents)
        (staging / MANIFEST).write_bytes(manifest.to_json())
        _refuse_problems(tree_problems(staging, active_source(data_dir).catalogue()))
        current, previous = root / CURRENT, root / PREVIOUS
        current.mkdir(exist_ok=True)  # empty: the shipped resources were in use
        if previous.exists():
            shutil.rmtree(previous)
        current.rename(previous)
        staging.rename(current)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    source = source_of(root / CURRENT)
    assert source is not None
    return source


def rollback(data_dir: Path) -> GuideSource:
    """Put the previous pack (or the shipped guides) back; the one replaced becomes the
    previous, so a second rollback undoes the first."""
    root = packs_root(data_dir)
    current, previous, swap = root / CURRENT, root / PREVIOUS, root / ".swap"
    if not previous.is_dir():
        raise GuidePackError(NO_PREVIOUS, detail="no previous guide pack")
    if swap.exists():
        shutil.rmtree(swap)
    if current.exists():
        current.rename(swap)
    else:
        swap.mkdir()
    previous.rename(current)
    swap.rename(previous)
    return active_source(data_dir)


def tree_problems(tree: Path, in_use: Catalogue | None) -> list[str]:
    """Every problem of an unpacked pack: its catalogue (which must keep every code the
    kiosk knows: visits already recorded name them), every guide, every picture."""
    try:
        catalogue = load_catalogue(tree / CATALOGUE_FILE)
    except CatalogueError as exc:
        return [_relative(exc.message, tree)]
    problems = []
    for known in (default_catalogue(), in_use or default_catalogue()):
        for section in ("services", "outcomes", "reasons", "barriers", "referrals"):
            codes = {entry.code for entry in getattr(catalogue, section)}
            for entry in getattr(known, section):
                problem = MISSING_CODE.format(code=entry.code, section=section)
                if entry.code not in codes and problem not in problems:
                    problems.append(problem)
    guides = tree / GUIDES_FOLDER
    found = [f"{p.location}: {p.problem}" for p in check_guides(guides, catalogue)]
    for picture in sorted((guides / IMAGES_DIR).glob("*.svg")):
        found += [f"{p.location}: {p.problem}" for p in svg_problems(picture)]
    problems += [_relative(text, tree) for text in dict.fromkeys(found)]
    if not guides.is_dir() or not guide_files(guides):
        problems.append(NO_GUIDES)
    return problems


def _relative(text: str, tree: Path) -> str:
    return text.replace(f"{tree}/", "").replace(str(tree), ".")


def _unpack(folder: Path, contents: dict[str, bytes]) -> None:
    for name, data in contents.items():
        path = folder.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _refuse_problems(problems: list[str]) -> None:
    if problems:
        raise GuidePackError(
            INVALID_PACK.format(problem=problems[0], count=len(problems)),
            detail=f"guide pack refused: {len(problems)} problems",
            problems=tuple(problems),
        )

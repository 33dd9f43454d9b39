"""The pipeline's first stages, shared by every command: load -> check.

Returns plain data. At the end, the commands' one way in: the project, or why it cannot be had (unusable
site files, findings that stop an output) printed in Chinese; exit codes belong to the CLI.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from generator.check import criteria as criteria_mod
from generator.check import freshness, identity, lexicon, review, site_text
from generator import slugs
from generator.incremental import paths, stamp, store
from generator.check.run import StandardResult, check_across, check_brand, completeness
from generator.check.criteria import CriteriaError
from generator.check.output import text_line
from generator.config import ConfigError, SiteConfig, load_config
from generator.findings import Finding, Position, Report, Severity, rel
from generator.load import images
from generator.load.brands import brand_folders, glance, load_brand, loose_files
from generator.load.contract import Contract
from generator.load.news import load_news, load_post
from generator.load.updated import last_updated
from generator.model import Brand, NewsPost
from generator.progress import NULL, Progress
from generator.score import scheme as scheme_mod
from generator.score.rank import RankedRound, rank_all
from generator.score.rounds import Round, load_round, load_rounds
from generator.score.scheme import Scheme


@dataclass
class Project:
    config: SiteConfig
    criteria: criteria_mod.Criteria
    brands: list[Brand]
    report: Report
    completeness: dict[str, list[StandardResult]] = field(default_factory=dict)
    news: list[NewsPost] = field(default_factory=list)  # newest first, drafts included
    schemes: dict[str, Scheme] = field(default_factory=dict)
    rounds: list[Round] = field(default_factory=list)  # every round file, drafts and broken ones included
    code: str = ""  # brandsite's own files and the installed packages (see `stamp.code`): the store adds it to every key
    # each brand folder's last update, when the caller read them already (the nothing-changed check): `updated`
    dates: dict[Path, dt.date] | None = field(default=None, repr=False)

    def updated(self) -> dict[Path, dt.date]:
        """When each brand was last updated (load/updated.py), by its folder: read once, when first asked."""
        if self.dates is None:
            self.dates = last_updated(self.config.root, [b.folder for b in self.brands])
        return self.dates

    @property
    def published(self) -> list[Brand]:
        """Brands that may appear in any output: published ones whose data loaded cleanly."""
        broken = {f.brand for f in self.report.errors if f.brand}
        return [b for b in self.brands if not b.is_draft and b.slug not in broken]

    @property
    def published_news(self) -> list[NewsPost]:
        return [p for p in self.news if not p.draft]

    def ranked(self) -> list[RankedRound]:
        """Published, error-free rounds ranked exactly, oldest first."""
        good = [r for r in self.rounds if not r.is_draft and not r.broken]
        return rank_all(good, self.schemes, self.published)

    def blocking(self, strict: bool = False) -> list[Finding]:
        """Findings that stop a build: errors (and with --strict warnings) of brands that would be published."""
        drafts = {b.slug for b in self.brands if b.is_draft}
        draft_files = {path for r in self.rounds if r.is_draft for path in r.files}
        draft_files |= {p.source for p in self.news if p.draft}
        return [
            f for f in self.report.findings
            if (f.severity is Severity.ERROR or strict) and f.brand not in drafts and f.path not in draft_files
        ]


def load_project(root: Path, config_file: Path | None = None, progress: Progress = NULL,
                 only: list[Path] | None = None, updated: dict[Path, dt.date] | None = None) -> Project:
    """Load and check everything (or ``only`` these brand folders, as a commit hook does: no news and no
    rounds, which need every brand). ``updated``: the brands' last updates, when the caller has read them
    (`Project.updated`). Raises ConfigError / CriteriaError for unusable site files."""
    with _collector_paused():
        project = _load(Path(root).resolve(), config_file, progress, only)
    project.dates = updated
    return project


@contextmanager
def _collector_paused():
    """Loading makes hundreds of thousands of small objects (YAML nodes, marks, findings) that all
    live as long as the project and form no reference cycles. The cycle collector would walk them
    over and over while they are made (a third of `check` at 1,000 brands) and again on every
    collection of the build that follows, so it is paused, and they are then frozen out of its
    reach. A previous project (`serve` loads one per edit) is handed back to it first."""
    enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_settings(root: Path, config_file: Path | None = None) -> tuple[SiteConfig, criteria_mod.Criteria]:
    """The site's configuration and criteria, without its brands (the web form's config needs no more).
    Raises ConfigError / CriteriaError for unusable site files."""
    config = load_config(root, config_file)
    criteria = criteria_mod.load(config.criteria, rel(config.criteria, root) if config.criteria else None)
    return config, _with_word_lists(config, criteria)


def _with_word_lists(config: SiteConfig, criteria: criteria_mod.Criteria) -> criteria_mod.Criteria:
    """The criteria whose 错敏 rules carry the site's word lists (the defaults and its own files)."""
    try:
        words = lexicon.load(config.root, config.wording)
    except lexicon.LexiconError as exc:
        raise ConfigError(Finding(exc.label, exc.position, Severity.ERROR, "wording.list", "规范表述", exc.message)) from None
    rules = [replace(r, params={**r.params, "lexicon": words}) if r.check == "words_absent" else r
             for r in criteria.rules]
    return replace(criteria, rules=rules)


def _load(root: Path, config_file: Path | None, progress: Progress, only: list[Path] | None = None) -> Project:
    config, criteria = load_settings(root, config_file)
    cache = paths.cache(root)
    files = stamp.Digests(paths.file_stamps(cache))  # the stat memo of the folders remembered work reads
    code = stamp.code(files)
    try:
        return _load_all(root, config, criteria, progress, only, files, code, cache)
    finally:
        files.save(partial=only is not None)


def _load_all(root: Path, config: SiteConfig, criteria: criteria_mod.Criteria, progress: Progress,
              only: list[Path] | None, files: stamp.Digests, code: str, cache: Path) -> Project:
    report = Report()
    brands, results = [], {}
    loaded = _brands(root, config, criteria, progress, only, files, code, cache)
    rules_passed = {}
    for brand, found, checked, passed in loaded:
        report.extend(found)
        if brand is None:
            continue
        report.extend(checked)
        brands.append(brand)
        broken = any(f.severity is Severity.ERROR for f in found)
        results[brand.slug] = completeness(criteria, passed, broken=broken)
        rules_passed[brand.slug] = passed, broken
    # rules that compare brands (two of the same name) need every brand: when only some are checked, the
    # others' names are glanced at (their first lines), and only the checked brands' findings are kept
    if only is None:
        across = check_across(brands, criteria)
    else:
        checked = {b.slug for b in brands}
        others = glance(root, {p.name for p in only})
        across = [f for f in check_across(brands + others, criteria) if f.brand in checked]
    report.extend(across)
    if across:
        for f in across:
            passed, broken = rules_passed[f.brand]
            results[f.brand] = completeness(criteria, {**passed, f.rule: False}, broken=broken)
    news: list[NewsPost] = []
    schemes: dict[str, Scheme] = {}
    rounds: list[Round] = []
    if only is not None:
        return Project(config, criteria, brands, report, results, news, schemes, rounds, code)
    report.extend(loose_files(root))
    if config.news_dir:
        news, found = load_news(root, config.docs_dir, config.news_dir)
        report.extend(found)
    schemes, found = scheme_mod.load(config.schemes, rel(config.schemes, root) if config.schemes else None)
    report.extend(found)
    unreadable = frozenset(f.brand for brand, found, *_ in loaded if brand is None for f in found if f.brand)
    rounds, found = _rounds(root, schemes, brands, unreadable, files, code, cache)
    report.extend(found)
    if config.review_levels:  # 三审: only what every level approved is published
        brands, rounds, news = _reviewed(root, config, brands, rounds, news, schemes, report, code)
    # the 错敏 check of the public text that is not a brand's: pages, news and rounds
    report.extend(site_text.check_files(root, config.docs_dir, criteria))
    report.extend(freshness.stale_news(config, news))  # a news column left silent (检查: 两周未更新)
    report.extend(identity.findings(config))  # placeholders for site_url, 网站标识码, ICP and 公安 numbers
    return Project(config, criteria, brands, report, results, news, schemes, rounds, code)


def _reviewed(root: Path, config: SiteConfig, brands: list[Brand], rounds: list[Round], news: list[NewsPost],
              schemes: dict[str, Scheme], report: Report, code: str) -> tuple[list[Brand], list[Round], list[NewsPost]]:
    contract = config.contract()
    facts = images.Facts()
    by_slug = {b.slug: b for b in brands}

    def clean(loaded, found):
        return None if loaded is None or any(f.severity is Severity.ERROR for f in found) else loaded

    class Approved:  # review.Loaders: the approved versions, restored under the cache, read as the site is
        @staticmethod
        def brand(folder: Path) -> Brand | None:
            brand, found = load_brand(folder, root, contract, facts)
            if brand is not None and brand.doc is not None:
                brand.doc.release()
            return clean(brand, found)

        @staticmethod
        def round(path: Path, base: Path) -> Round | None:
            return clean(*load_round(path, base, schemes, by_slug))  # (a round with errors is broken, not clean)

        @staticmethod
        def post(path: Path, base: Path) -> NewsPost | None:
            post = clean(*load_post(path, base, config.news_dir))
            return None if post is None else replace(post, approved_copy=os.fspath(path))

    try:
        brands, rounds, news, found = review.hold_back(root, config.review_levels, config.review_file, brands, rounds,
                                                       news, Approved, paths.cache(root) / "review", code)
    except review.ReviewError as exc:
        raise ConfigError(Finding(rel(config.review_file, root), Position(), Severity.ERROR, "review.file",
                                  review.STANDARD, str(exc))) from None
    report.extend(found)
    return brands, rounds, news


def _rounds(root: Path, schemes: dict[str, Scheme], brands: list[Brand], unreadable: frozenset[str],
            files: stamp.Digests, code: str, cache: Path) -> tuple[list[Round], list]:
    """Every round and its findings, as an earlier run read them from the same scores/ folder (a round reads
    nothing outside it), schemes and brands (which it names, by folder or by name, and which are drafts)."""
    remembered = store.Records(paths.memo(cache, "rounds-read"), code)
    key = stamp.digest(os.fspath(root), files.tree(Path(os.path.abspath(root / "scores"))), repr(schemes),
                       repr(sorted((b.slug, b.is_draft, b.name) for b in brands)), repr(sorted(unreadable)))
    known = remembered.get(key)
    if known is None:
        known = load_rounds(root, schemes, brands, unreadable)
        remembered.put(key, known)
    remembered.drop_unused()
    return known


def _brands(root: Path, config: SiteConfig, criteria: criteria_mod.Criteria, progress: Progress,
            only: list[Path] | None, files: stamp.Digests, code: str, cache: Path) -> list[tuple]:
    """(brand or None, its loading findings, its check findings, the rules it passed) for every brand folder,
    in slug order. A folder whose files, contract, criteria and code are those of an earlier run is taken as
    that run left it (see `store`): an edit costs the loading and checking of one brand."""
    remembered = store.Records(paths.memo(cache, "brands"), code)
    contract = config.contract()
    base = stamp.digest(repr(contract), repr(criteria), os.fspath(root))
    facts = images.Facts(paths.image_facts(cache))
    readings = slugs.Readings(paths.readings(cache))
    folders = brand_folders(root, only)
    out = []
    with progress.stage("读取与检查品牌", len(folders)) as stage:
        for folder in folders:
            key = stamp.digest(base, os.fspath(folder), files.tree(Path(os.path.abspath(folder))))
            known = remembered.get(key)
            if known is None:
                known = _load_and_check(folder, root, contract, criteria, facts, readings)
                if known[0] is not None:
                    known[0].digest = key
                remembered.put(key, known)
            out.append(known)
            stage.advance()
    facts.save()
    if only is None:
        readings.save({b.name or b.slug for b, *_ in out if b is not None})
        remembered.drop_unused()
    return out


def _load_and_check(folder: Path, root: Path, contract: Contract, criteria: criteria_mod.Criteria,
                    facts: images.Facts, readings: slugs.Readings) -> tuple:
    brand, found = load_brand(folder, root, contract, facts)
    if brand is None:
        return None, found, [], {}
    checked, passed = check_brand(brand, criteria)
    brand.reading = readings(brand.name or brand.slug)
    if brand.doc is not None:  # the node tree is only needed while findings get their positions
        brand.doc.release()
    return brand, found, checked, passed


# -- for the commands: the project, or why not, said in Chinese on standard error -----------------------------

def load_or_report(root, err: TextIO | None = None, progress: Progress = NULL, only=None,
                   updated: dict[Path, dt.date] | None = None) -> Project | None:
    """The loaded project, or None after printing (to ``err``, stderr by default) why the site files are unusable."""
    return _or_report(lambda: load_project(root, progress=progress, only=only, updated=updated), err)


def settings_or_report(root, err: TextIO | None = None):
    """The site's (config, criteria) without its brands, or None after printing why they are unusable."""
    return _or_report(lambda: load_settings(root), err)


def _or_report(load, err: TextIO | None):
    err = err or sys.stderr
    try:
        return load()
    except ConfigError as exc:
        print(text_line(exc.finding), file=err)
    except CriteriaError as exc:
        for f in exc.findings:
            print(text_line(f), file=err)
    return None


# warnings about the site as a whole that every output command repeats, though they stop nothing without --strict:
# an inspection counts them against the site, not against one brand an editor is working on
SITE_WARNINGS = ("news.stale", "news.empty", "site.identity")


def report_blocking(project: Project, strict: bool, outcome: str, err: TextIO | None = None) -> bool:
    """Print the findings that stop an output (with ``outcome``, e.g. "网站未生成"); True when there were any.
    Without ``strict``, the site-wide warnings (`SITE_WARNINGS`) are printed first."""
    if not strict:
        for f in sorted(project.report.warnings, key=lambda f: f.sort_key()):
            if f.rule in SITE_WARNINGS:
                print(text_line(f), file=err or sys.stderr)
    return report_findings(project.blocking(strict), outcome, err)


def report_findings(blocking: list[Finding], outcome: str, err: TextIO | None = None) -> bool:
    err = err or sys.stderr
    blocking = sorted(blocking, key=lambda f: f.sort_key())
    for f in blocking:
        print(text_line(f), file=err)
    if blocking:
        print(f"\n有 {len(blocking)} 个问题必须先解决，{outcome}。运行 brandsite check 查看详情。", file=err)
    return bool(blocking)

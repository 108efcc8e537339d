"""Programs: clients belong to one; clinicians and supervisors are assigned to some (AC-2)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Program

DEFAULT_PROGRAM = "iop"  # created by migration 0004; the clients.program default


def intake_program() -> str:
    """The program whose supervisors see flags from unknown SMS senders (INTAKE_PROGRAM,
    default "iop"): such a sender has no client record, so no program of their own."""
    return os.environ.get("INTAKE_PROGRAM", "").strip() or DEFAULT_PROGRAM
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class ProgramView:
    code: str
    name: str
    active: bool


def list_programs(active_only: bool = False) -> list[ProgramView]:
    with session_scope() as s:
        query = select(Program).order_by(Program.code)
        if active_only:
            query = query.where(Program.active.is_(True))
        return [ProgramView(p.code, p.name, p.active) for p in s.scalars(query)]


def check_codes(s: Session, codes: list[str] | tuple[str, ...]) -> list[str]:
    """The codes, de-duplicated, after checking each names an active program."""
    wanted = sorted(set(codes))
    if not wanted:
        return []
    known = set(s.scalars(select(Program.code).where(Program.code.in_(wanted),
                                                     Program.active.is_(True))))
    missing = [c for c in wanted if c not in known]
    if missing:
        raise StoreError(f"unknown program: {', '.join(missing)}")
    return wanted


def add_program(code: str, name: str) -> ProgramView:
    """Create a program; codes are short lowercase ids (they appear in URLs and exports)."""
    code, name = (code or "").strip().lower(), (name or "").strip()
    if not CODE.match(code):
        raise StoreError("program code must be lowercase letters, digits, - or _ (max 64)")
    if not name or len(name) > 120:
        raise StoreError("program name must be 1 to 120 characters")
    with session_scope() as s:
        if s.get(Program, code) is not None:
            raise StoreError(f"program {code!r} already exists")
        s.add(Program(code=code, name=name, active=True))
    return ProgramView(code, name, True)

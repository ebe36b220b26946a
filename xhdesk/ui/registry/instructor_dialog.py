"""新增/编辑党建指导员."""

from __future__ import annotations

from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.core.validation import require_text, validate_phone
from xhdesk.data.models import Committee, Instructor
from xhdesk.data.registry.details import get_record, options
from xhdesk.data.registry.organisation import add_instructor, update_instructor
from xhdesk.ui.common.form import FormDialog, line_edit, picker


class InstructorDialog(FormDialog):
    def __init__(self, store, instructor_id: str | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(store, "编辑党建指导员" if instructor_id else "新增党建指导员", parent)
        self.instructor_id = instructor_id
        i: Instructor | None = (
            get_record(store, Instructor, instructor_id) if instructor_id else None
        )
        self.instructor = i
        self.add_field(
            "name",
            "姓名",
            line_edit(i.name if i else "", "", 30),
            lambda v: require_text(v, field="name", label="姓名", max_length=30),
            required=True,
        )
        self.add_field(
            "phone",
            "手机号",
            line_edit(i.phone if i else "", "11位手机号", 13),
            lambda v: validate_phone(v, required=False),
        )
        self.add_field("unit", "工作单位", line_edit(i.unit if i else "", "如：市委组织部", 60))
        self.add_field(
            "committee_id",
            "行业党委",
            picker(options(self.store, Committee), i.committee_id if i else None),
        )
        self.finish()
        self.resize(420, self.sizeHint().height())

    def save(self) -> Changes | None:
        values = self.values()
        if self.instructor is None:
            self.instructor_id = add_instructor(self.store, values).id
            return None
        changed = {k: v for k, v in values.items() if v != getattr(self.instructor, k)}
        return update_instructor(self.store, self.instructor.id, changed) if changed else None

"""The front-matter schema, declared once: keys, kinds, labels, required-ness and vocabularies.

Validation reads it, the editor guide's key table is checked against it (tests/test_docs.py),
so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    YEAR = "year"
    VOCAB = "vocab"
    BOOL = "bool"
    SLUG = "slug"
    DATE = "date"
    URL = "url"
    PATH = "path"  # a file next to the model file
    TEXT_LIST = "text_list"
    SLUG_LIST = "slug_list"
    RECORD = "record"  # a mapping of sub-keys
    RECORD_LIST = "record_list"  # a list of such mappings


@dataclass(frozen=True)
class KeySpec:
    name: str
    kind: Kind
    label_vi: str
    label_en: str
    doc_vi: str
    required: bool = False
    vocabulary: str | None = None  # "fields", "districts" or "levels"
    items: tuple[KeySpec, ...] = ()  # sub-keys of a RECORD or RECORD_LIST


def _key(name, kind, vi, en, doc, **extra) -> KeySpec:
    return KeySpec(name, kind, vi, en, doc, **extra)


IMAGE_KEYS = (
    _key("file", Kind.PATH, "Tệp ảnh", "file", "Đường dẫn tính từ thư mục của tệp mô hình.", required=True),
    _key("alt", Kind.TEXT, "Mô tả ảnh", "alt text", "Mô tả nội dung ảnh cho người khiếm thị.", required=True),
    _key("caption", Kind.TEXT, "Chú thích", "caption", "Chú thích hiện dưới ảnh."),
    _key("credit", Kind.TEXT, "Tác giả ảnh", "credit", "Ví dụ: Nguyễn Hiếu."),
)
SOURCE_KEYS = (
    _key("title", Kind.TEXT, "Tên bài/văn bản", "title", "Tên bài viết hoặc văn bản nguồn.", required=True),
    _key("author", Kind.TEXT, "Tác giả", "author", "Người viết, kèm cơ quan nếu có."),
    _key("publisher", Kind.TEXT, "Nơi đăng", "publisher", "Báo, trang tin hoặc cơ quan ban hành."),
    _key("date", Kind.DATE, "Ngày", "date", "Ngày đăng, dạng \"dd/mm/yyyy\"."),
    _key("url", Kind.URL, "Địa chỉ", "URL", "Địa chỉ https:// của nguồn."),
)
DECISION_KEYS = (
    _key("number", Kind.TEXT, "Số quyết định", "number", "Ví dụ: \"123/QĐ-BCĐ\"."),
    _key("date", Kind.DATE, "Ngày quyết định", "date", "Dạng \"dd/mm/yyyy\"."),
)

MODEL_KEYS: tuple[KeySpec, ...] = (
    _key("title", Kind.TEXT, "Tên mô hình", "title", "Tên đầy đủ như trong quyết định công nhận.", required=True),
    _key("field", Kind.VOCAB, "Lĩnh vực", "field", "Một trong các lĩnh vực ở content/fields.yaml.",
         required=True, vocabulary="fields"),
    _key("unit", Kind.TEXT, "Đơn vị thực hiện", "implementing unit", "Tên đơn vị như lúc công nhận.", required=True),
    _key("district", Kind.VOCAB, "Địa bàn (huyện)", "district",
         "Huyện/thành phố lúc công nhận (content/districts.yaml); đơn vị cấp tỉnh ghi \"Toàn tỉnh\".",
         required=True, vocabulary="districts"),
    _key("year", Kind.YEAR, "Năm công nhận", "year", "Số nguyên, ví dụ 2024.", required=True),
    _key("level", Kind.VOCAB, "Cấp công nhận", "recognition level",
         "Một trong content/levels.yaml; mặc định theo content/site.yaml.", vocabulary="levels"),
    _key("summary", Kind.TEXT, "Tóm tắt", "summary",
         "Một hai câu; nếu bỏ trống, lấy đoạn đầu của nội dung (khoảng 160 ký tự)."),
    _key("commune", Kind.TEXT, "Xã/phường/thị trấn", "commune", "Như lúc công nhận, ví dụ \"xã Hưng Lễ\"."),
    _key("hamlet", Kind.TEXT, "Ấp/khu phố", "hamlet", "Ví dụ \"ấp Tân Điền\"."),
    _key("slug", Kind.SLUG, "Địa chỉ trang", "slug",
         "Phần cuối địa chỉ /mo-hinh/<slug>/; mặc định là tên tệp. Không đổi sau khi đã đăng."),
    _key("aliases", Kind.SLUG_LIST, "Địa chỉ cũ", "old addresses",
         "Slug cũ khi đổi địa chỉ trang; địa chỉ cũ tự chuyển về trang mới, đường link đã đăng không hỏng."),
    _key("tags", Kind.TEXT_LIST, "Từ khóa", "tags", "Danh sách, ví dụ [\"đê bao\", \"ngăn mặn\"]."),
    _key("images", Kind.RECORD_LIST, "Ảnh", "images", "Danh sách ảnh: file, alt, caption, credit.", items=IMAGE_KEYS),
    _key("sources", Kind.RECORD_LIST, "Nguồn", "sources",
         "Danh sách nguồn: title, author, publisher, date, url.", items=SOURCE_KEYS),
    _key("decision", Kind.RECORD, "Quyết định công nhận", "decision",
         "number và date; nếu chưa có, bỏ trống (trang hiện “Đang cập nhật”).", items=DECISION_KEYS),
    _key("replication", Kind.BOOL, "Được chọn nhân rộng", "selected for replication", "true hoặc false."),
    _key("featured", Kind.BOOL, "Nổi bật", "featured", "true để đưa lên trang chủ."),
)

MIN_YEAR = 2000

//! Deadlines counted by hand from the articles, checked through the real binary.
//!
//! Each row is a petition as a desk would log it (`visit add`), the steps taken on it
//! (`petition advance`), the day it is looked at, and what `petition show --json` must then say:
//! the next deadline's date and name — or the refusal a step must meet. The expected dates were
//! counted by hand, day by day, from the article text and the holiday notices, NOT by the program;
//! the `counted` line of each row shows the count so a reader can redo it.
//!
//! Counting conventions (Bộ luật Dân sự 2015, Điều 147–148): the start day is not counted; a period
//! in calendar days ("ngày") that ends on a day off ends on the next working day; a period in
//! working days ("ngày làm việc") counts only working days — Saturdays listed as make-up days
//! (làm bù) are working days. Days off: weekends, Bộ luật Lao động 2019 Điều 112 and the Prime
//! Minister's notices for 2025–2026 (Tết Ất Tỵ 25/1–2/2/2025, Tết Bính Ngọ 14–22/2/2026, 2/1/2026
//! swapped for Saturday 10/1/2026, 31/8/2026 for Saturday 22/8/2026, 2/5/2025 for Saturday
//! 26/4/2025, Giỗ Tổ 7/4/2025 and 27/4/2026 (nghỉ bù), 30/4, 1/5, 1–2/9/2025, 1–2/9/2026).

mod common;

use common::{Desk, isolated};
use serde_json::Value;
use std::process::Output;

const KN27: &str = "Luật Khiếu nại 2011, Điều 27";
const KN28: &str = "Luật Khiếu nại 2011, Điều 28";
const KN37: &str = "Luật Khiếu nại 2011, Điều 37";
const TC24: &str = "Luật Tố cáo 2018, Điều 24";
const TC25: &str = "Luật Tố cáo 2018, Điều 25";
const TC30: &str = "Luật Tố cáo 2018, Điều 30";
const TT05: &str = "Thông tư 05/2021/TT-TTCP (xử lý đơn)";
const BLDS148: &str = "Bộ luật Dân sự 2015, Điều 148";
/// Complaint suspensions before 1/7/2026: the rule file keeps them, marked "not checked".
const KN_SUSPEND_OLD: &str =
    "Luật Khiếu nại 2011, trước 1/7/2026 (tạm đình chỉ không tính vào thời hạn; chưa đối chiếu)";
const L136: &str = "Luật số 136/2025/QH15, từ 1/7/2026 (tạm đình chỉ không tính vào thời hạn)";
const KN9: &str = "Luật Khiếu nại 2011, Điều 9";
const KN33: &str = "Luật Khiếu nại 2011, Điều 33";
const TC2011: &str = "Luật Tố cáo 2011, Điều 20–21 (đơn nhận trước 1/1/2019)";

/// What the row expects.
enum Expect {
    /// The next deadline: its date and its name in `petition show --json` (`due_kind`).
    Due(&'static str, &'static str),
    /// No deadline runs (closed, or none the law sets).
    NoDeadline,
    /// The last step is refused; stderr says this (Vietnamese, the default language).
    Refused(&'static str),
    /// One of the clocks running (`petition show --json`'s `deadlines`): its name and date, when
    /// an earlier one comes first.
    Clock(&'static str, &'static str),
    /// The time limit to complain (`complaint_window`): its last day, and how many days after it
    /// the complaint was received (0: in time).
    Window(&'static str, i64),
}

struct Case {
    name: &'static str,
    /// The article the expected result comes from.
    article: &'static str,
    /// How it was counted by hand.
    counted: &'static str,
    /// `visit add` arguments besides name/subject/received.
    intake: &'static [&'static str],
    received: &'static str,
    /// `petition advance` steps: (step, date, extra arguments).
    steps: &'static [(&'static str, &'static str, &'static [&'static str])],
    today: &'static str,
    expect: Expect,
}

use Expect::{Clock, Due, NoDeadline, Refused, Window};

const COMPLAINT: &[&str] = &["--kind", "khieu-nai", "--round", "first"];
const SECOND: &[&str] = &["--kind", "khieu-nai", "--round", "second"];
const SECOND_REMOTE: &[&str] = &["--kind", "khieu-nai", "--round", "second", "--remote"];
const FIRST_REMOTE: &[&str] = &["--kind", "khieu-nai", "--round", "first", "--remote"];
const DENUNCIATION: &[&str] = &["--kind", "to-cao"];
const ANONYMOUS_DENUNCIATION: &[&str] = &["--kind", "to-cao", "--anonymous"];
const RECOMMENDATION: &[&str] = &["--kind", "kien-nghi"];
const SEVERAL_PLACES: &[&str] = &["--kind", "to-cao", "--several-places"];
const REPORT: &[&str] = &["--kind", "phan-anh"];

const ACCEPT: (&str, &str, &[&str]) = ("accepted", "2026-03-02", &[]);
const ACCEPT_COMPLEX: (&str, &str, &[&str]) =
    ("accepted", "2026-03-02", &["--complexity", "complex"]);
const ACCEPT_VERY_COMPLEX: (&str, &str, &[&str]) =
    ("accepted", "2026-03-02", &["--complexity", "very_complex"]);
/// The denouncer told of the thụ lý the same day (Luật Tố cáo 2018, Điều 29), so that the
/// resolution clock is the next deadline.
const NOTIFIED_0302: (&str, &str, &[&str]) = ("notified", "2026-03-02", &[]);

fn cases() -> Vec<Case> {
    vec![
        // ── Intake: from receipt ───────────────────────────────────────────────────────────────
        Case {
            name: "khiếu nại: thụ lý trong 10 ngày",
            article: KN27,
            counted: "nhận thứ Hai 2/3/2026 + 10 ngày = thứ Năm 12/3 (xử lý đơn 10 ngày LV = 16/3 đến sau)",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[],
            today: "2026-03-03",
            expect: Due("2026-03-12", "accept"),
        },
        Case {
            name: "khiếu nại nhận trước Tết: hạn thụ lý rơi vào Tết thì sang ngày làm việc kế tiếp",
            article: BLDS148,
            counted: "nhận 6/2/2026 + 10 = 16/2 (nghỉ Tết 14–22/2) → thứ Hai 23/2",
            intake: COMPLAINT,
            received: "2026-02-06",
            steps: &[],
            today: "2026-02-09",
            expect: Due("2026-02-23", "accept"),
        },
        Case {
            name: "khiếu nại nhận thứ Bảy (đơn qua bưu điện)",
            article: KN27,
            counted: "nhận thứ Bảy 7/3/2026 + 10 = thứ Ba 17/3 (xử lý đơn: 9–13/3, 16–20/3 → 20/3)",
            intake: COMPLAINT,
            received: "2026-03-07",
            steps: &[],
            today: "2026-03-09",
            expect: Due("2026-03-17", "accept"),
        },
        Case {
            name: "khiếu nại: hạn thụ lý rơi vào 30/4 → qua 1/5 và cuối tuần",
            article: BLDS148,
            counted: "nhận 20/4/2026 + 10 = thứ Năm 30/4 (nghỉ), 1/5 nghỉ, 2–3/5 cuối tuần → thứ Hai 4/5",
            intake: COMPLAINT,
            received: "2026-04-20",
            steps: &[],
            today: "2026-04-21",
            expect: Due("2026-05-04", "accept"),
        },
        Case {
            name: "khiếu nại: hạn thụ lý rơi vào Quốc khánh 2025",
            article: BLDS148,
            counted: "nhận thứ Sáu 22/8/2025 + 10 = thứ Hai 1/9 (nghỉ), 2/9 nghỉ → thứ Tư 3/9",
            intake: COMPLAINT,
            received: "2025-08-22",
            steps: &[],
            today: "2025-08-25",
            expect: Due("2025-09-03", "accept"),
        },
        Case {
            name: "tố cáo: tiếp nhận, phân loại trong 7 ngày làm việc",
            article: TC24,
            counted: "nhận thứ Hai 2/3/2026: 3,4,5,6,9,10,11/3 → thứ Tư 11/3",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[],
            today: "2026-03-03",
            expect: Due("2026-03-11", "accept"),
        },
        Case {
            name: "tố cáo quanh Giỗ Tổ và 30/4–1/5/2026",
            article: TC24,
            counted: "nhận 23/4/2026: 24/4(1), 27/4 nghỉ bù, 28(2), 29(3), 30/4–3/5 nghỉ, 4(4), 5(5), 6(6), 7/5(7)",
            intake: DENUNCIATION,
            received: "2026-04-23",
            steps: &[],
            today: "2026-04-24",
            expect: Due("2026-05-07", "accept"),
        },
        Case {
            name: "tố cáo quanh Tết Ất Tỵ 2025",
            article: TC24,
            counted: "nhận thứ Tư 22/1/2025: 23(1), 24(2), nghỉ 25/1–2/2, 3(3), 4(4), 5(5), 6(6), 7/2(7)",
            intake: DENUNCIATION,
            received: "2025-01-22",
            steps: &[],
            today: "2025-01-23",
            expect: Due("2025-02-07", "accept"),
        },
        Case {
            name: "tố cáo: thứ Bảy làm bù 22/8/2026 là ngày làm việc",
            article: TC24,
            counted: "nhận 20/8/2026: 21(1), thứ Bảy 22/8 làm bù (2), 24(3), 25(4), 26(5), 27(6), 28/8(7)",
            intake: DENUNCIATION,
            received: "2026-08-20",
            steps: &[],
            today: "2026-08-21",
            expect: Due("2026-08-28", "accept"),
        },
        Case {
            name: "tố cáo không thuộc thẩm quyền: chuyển trong 5 ngày làm việc",
            article: TC24,
            counted: "nhận thứ Hai 2/3/2026: 3,4,5,6,9/3 → 9/3 (trước hạn phân loại 11/3)",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[("classified", "2026-03-03", &["--competence", "not_ours"])],
            today: "2026-03-04",
            expect: Due("2026-03-09", "forward"),
        },
        Case {
            name: "chuyển đơn tố cáo quanh Quốc khánh 2026",
            article: TC24,
            counted: "nhận 27/8/2026: 28(1), 31/8 nghỉ hoán đổi, 1–2/9 nghỉ, 3(2), 4(3), 7(4), 8/9(5)",
            intake: DENUNCIATION,
            received: "2026-08-27",
            steps: &[("classified", "2026-08-28", &["--competence", "not_ours"])],
            today: "2026-08-28",
            expect: Due("2026-09-08", "forward"),
        },
        Case {
            name: "kiến nghị: chỉ có thời hạn xử lý đơn 10 ngày làm việc",
            article: TT05,
            counted: "nhận thứ Hai 2/3/2026: 3,4,5,6,9,10,11,12,13,16/3 → 16/3",
            intake: RECOMMENDATION,
            received: "2026-03-02",
            steps: &[],
            today: "2026-03-03",
            expect: Due("2026-03-16", "process"),
        },
        Case {
            name: "phản ánh qua Tết Dương lịch 2026 và thứ Bảy làm bù 10/1",
            article: TT05,
            counted: "nhận 26/12/2025: 29(1), 30(2), 31(3), 1–2/1 nghỉ, 5(4)…9(8), thứ Bảy 10/1 làm bù (9), 12/1(10)",
            intake: REPORT,
            received: "2025-12-26",
            steps: &[],
            today: "2025-12-29",
            expect: Due("2026-01-12", "process"),
        },
        Case {
            name: "phản ánh quanh 30/4/2025 và thứ Bảy làm bù 26/4",
            article: TT05,
            counted: "nhận 24/4/2025: 25(1), 26 làm bù (2), 28(3), 29(4), 30/4–4/5 nghỉ, 5(5)…9(9), 12/5(10)",
            intake: REPORT,
            received: "2025-04-24",
            steps: &[],
            today: "2025-04-25",
            expect: Due("2025-05-12", "process"),
        },
        Case {
            name: "tố cáo nặc danh: không có hạn thụ lý, chỉ xử lý đơn",
            article: TC25,
            counted: "không xử lý như tố cáo: không tính 7 ngày LV (11/3); xử lý đơn 10 ngày LV → 16/3",
            intake: ANONYMOUS_DENUNCIATION,
            received: "2026-03-02",
            steps: &[],
            today: "2026-03-03",
            expect: Due("2026-03-16", "process"),
        },
        Case {
            name: "tố cáo nặc danh không được thụ lý",
            article: TC25,
            counted: "bước thụ lý bị từ chối",
            intake: ANONYMOUS_DENUNCIATION,
            received: "2026-03-02",
            steps: &[("accepted", "2026-03-03", &[])],
            today: "2026-03-03",
            expect: Refused("Điều 25"),
        },
        // ── Thời hạn khiếu nại: from the day the decision became known (a warning) ────────────
        Case {
            name: "khiếu nại lần đầu nộp sau 90 ngày: vẫn nhận, quá hạn 14 ngày",
            article: KN9,
            counted: "biết 1/3/2026 + 90 (29 + 30 + 31 = 30/5, thứ Bảy) → thứ Hai 1/6; nhận 15/6 = quá 14 ngày",
            intake: &[
                "--kind",
                "khieu-nai",
                "--round",
                "first",
                "--known-on",
                "2026-03-01",
            ],
            received: "2026-06-15",
            steps: &[],
            today: "2026-06-15",
            expect: Window("2026-06-01", 14),
        },
        Case {
            name: "khiếu nại lần đầu trong 90 ngày: hạn cuối Chủ nhật sang thứ Hai",
            article: KN9,
            counted: "biết 2/3/2026 + 90 (29 + 30 + 31) = Chủ nhật 31/5 → thứ Hai 1/6; nhận 29/5: trong hạn",
            intake: &[
                "--kind",
                "khieu-nai",
                "--round",
                "first",
                "--known-on",
                "2026-03-02",
            ],
            received: "2026-05-29",
            steps: &[],
            today: "2026-05-29",
            expect: Window("2026-06-01", 0),
        },
        Case {
            name: "khiếu nại lần đầu: 90 ngày hết vào Tết Bính Ngọ",
            article: BLDS148,
            counted: "biết 16/11/2025 + 90 (14 + 31 + 31 + 14) = 14/2/2026 (nghỉ Tết 14–22/2) → 23/2; nhận 24/2 = quá 1 ngày",
            intake: &[
                "--kind",
                "khieu-nai",
                "--round",
                "first",
                "--known-on",
                "2025-11-16",
            ],
            received: "2026-02-24",
            steps: &[],
            today: "2026-02-24",
            expect: Window("2026-02-23", 1),
        },
        Case {
            name: "khiếu nại lần hai: 30 ngày từ ngày nhận quyết định lần đầu",
            article: KN33,
            counted: "nhận quyết định lần đầu 2/3/2026 + 30 = thứ Tư 1/4; nộp 2/4 = quá 1 ngày",
            intake: &[
                "--kind",
                "khieu-nai",
                "--round",
                "second",
                "--known-on",
                "2026-03-02",
            ],
            received: "2026-04-02",
            steps: &[],
            today: "2026-04-02",
            expect: Window("2026-04-01", 1),
        },
        Case {
            name: "khiếu nại lần hai ở vùng sâu, vùng xa: 45 ngày",
            article: KN33,
            counted: "2/3/2026 + 45 (29 + 16) = thứ Năm 16/4; nộp 10/4: trong hạn (nơi khác: hết 1/4, đã quá)",
            intake: &[
                "--kind",
                "khieu-nai",
                "--round",
                "second",
                "--remote",
                "--known-on",
                "2026-03-02",
            ],
            received: "2026-04-10",
            steps: &[],
            today: "2026-04-10",
            expect: Window("2026-04-16", 0),
        },
        Case {
            name: "khiếu nại lần hai vùng sâu: 45 ngày hết vào ngày nghỉ bù Giỗ Tổ",
            article: KN33,
            counted: "13/3/2026 + 45 (18 + 27) = thứ Hai 27/4 (nghỉ bù Giỗ Tổ) → 28/4; nộp 29/4 = quá 1 ngày",
            intake: &[
                "--kind",
                "khieu-nai",
                "--round",
                "second",
                "--remote",
                "--known-on",
                "2026-03-13",
            ],
            received: "2026-04-29",
            steps: &[],
            today: "2026-04-29",
            expect: Window("2026-04-28", 1),
        },
        // ── Tố cáo phải xác minh nhiều địa điểm: 10 ngày làm việc (Điều 24) ─────────────────────
        Case {
            name: "tố cáo xác minh nhiều địa điểm: thụ lý trong 10 ngày làm việc",
            article: TC24,
            counted: "nhận thứ Hai 2/3/2026: 3,4,5,6,9,10,11,12,13,16/3 → 16/3 (không đánh dấu: 11/3)",
            intake: SEVERAL_PLACES,
            received: "2026-03-02",
            steps: &[],
            today: "2026-03-03",
            expect: Clock("accept", "2026-03-16"),
        },
        Case {
            name: "tố cáo xác minh nhiều địa điểm qua Tết Ất Tỵ 2025",
            article: TC24,
            counted: "nhận 22/1/2025: 23(1), 24(2), nghỉ 25/1–2/2, 3(3), 4(4), 5(5), 6(6), 7(7), 10(8), 11(9), 12/2(10)",
            intake: SEVERAL_PLACES,
            received: "2025-01-22",
            steps: &[],
            today: "2025-01-23",
            expect: Clock("accept", "2025-02-12"),
        },
        Case {
            name: "đánh dấu xác minh nhiều địa điểm sau khi nhận, quanh Giỗ Tổ và 30/4–1/5/2026",
            article: TC24,
            counted: "nhận 23/4/2026: 24(1), 27/4 nghỉ bù, 28(2), 29(3), 30/4–3/5 nghỉ, 4(4), 5(5), 6(6), 7(7), 8(8), 11(9), 12/5(10)",
            intake: DENUNCIATION,
            received: "2026-04-23",
            steps: &[("mark", "2026-04-24", &["--flag", "nhieu-dia-diem"])],
            today: "2026-04-24",
            expect: Clock("accept", "2026-05-12"),
        },
        Case {
            name: "xác minh nhiều địa điểm không áp dụng cho khiếu nại",
            article: TC24,
            counted: "dấu hiệu bị từ chối: thời hạn 10 ngày làm việc là của tố cáo",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[("mark", "2026-03-03", &["--flag", "nhieu-dia-diem"])],
            today: "2026-03-03",
            expect: Refused("chỉ áp dụng cho đơn tố cáo chưa thụ lý"),
        },
        // ── Tố cáo nặc danh: xử lý thông tin (Điều 25) ─────────────────────────────────────────
        Case {
            name: "tố cáo nặc danh có nội dung cụ thể: xử lý thông tin, không còn thời hạn",
            article: TC25,
            counted: "bước xử lý thông tin 5/3/2026 đóng đơn ở bàn tiếp; không có hạn thụ lý, giải quyết",
            intake: ANONYMOUS_DENUNCIATION,
            received: "2026-03-02",
            steps: &[(
                "info_handled",
                "2026-03-05",
                &["--note", "giao Thanh tra xã kiểm tra"],
            )],
            today: "2026-03-06",
            expect: NoDeadline,
        },
        Case {
            name: "tố cáo có tên người tố cáo: không xử lý như thông tin",
            article: TC25,
            counted: "bước xử lý thông tin bị từ chối: đơn có tên được xử lý như tố cáo (Điều 24)",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[("info_handled", "2026-03-05", &["--note", "kiểm tra"])],
            today: "2026-03-06",
            expect: Refused("chỉ đơn tố cáo nặc danh"),
        },
        Case {
            name: "tố cáo nặc danh đã lưu đơn: không còn xử lý thông tin",
            article: TC25,
            counted: "đã lưu đơn 4/3; bước xử lý thông tin 5/3 bị từ chối (đơn đã đóng)",
            intake: ANONYMOUS_DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ("filed", "2026-03-04", &[]),
                ("info_handled", "2026-03-05", &["--note", "kiểm tra"]),
            ],
            today: "2026-03-06",
            expect: Refused("không áp dụng ở trạng thái hiện tại"),
        },
        // ── Resolution: from thụ lý ────────────────────────────────────────────────────────────
        Case {
            name: "khiếu nại lần đầu: 30 ngày",
            article: KN28,
            counted: "thụ lý 2/3/2026 + 30 = thứ Tư 1/4",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[ACCEPT],
            today: "2026-03-03",
            expect: Due("2026-04-01", "resolve"),
        },
        Case {
            name: "khiếu nại lần đầu phức tạp: 45 ngày",
            article: KN28,
            counted: "2/3/2026 + 45 = thứ Năm 16/4",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[ACCEPT_COMPLEX],
            today: "2026-03-03",
            expect: Due("2026-04-16", "resolve"),
        },
        Case {
            name: "khiếu nại lần đầu vùng sâu vùng xa: 45 ngày",
            article: KN28,
            counted: "2/3/2026 + 45 = 16/4",
            intake: FIRST_REMOTE,
            received: "2026-03-02",
            steps: &[ACCEPT],
            today: "2026-03-03",
            expect: Due("2026-04-16", "resolve"),
        },
        Case {
            name: "khiếu nại lần đầu vùng sâu vùng xa phức tạp: 60 ngày",
            article: KN28,
            counted: "2/3/2026 + 60 = 1/5 (nghỉ), 2–3/5 cuối tuần → thứ Hai 4/5",
            intake: FIRST_REMOTE,
            received: "2026-03-02",
            steps: &[ACCEPT_COMPLEX],
            today: "2026-03-03",
            expect: Due("2026-05-04", "resolve"),
        },
        Case {
            name: "khiếu nại lần hai: 45 ngày",
            article: KN37,
            counted: "2/3/2026 + 45 = 16/4",
            intake: SECOND,
            received: "2026-03-02",
            steps: &[ACCEPT],
            today: "2026-03-03",
            expect: Due("2026-04-16", "resolve"),
        },
        Case {
            name: "khiếu nại lần hai phức tạp: 60 ngày",
            article: KN37,
            counted: "2/3/2026 + 60 = 1/5 (nghỉ) → 4/5",
            intake: SECOND,
            received: "2026-03-02",
            steps: &[ACCEPT_COMPLEX],
            today: "2026-03-03",
            expect: Due("2026-05-04", "resolve"),
        },
        Case {
            name: "khiếu nại lần hai vùng sâu vùng xa: 60 ngày",
            article: KN37,
            counted: "2/3/2026 + 60 = 1/5 → 4/5",
            intake: SECOND_REMOTE,
            received: "2026-03-02",
            steps: &[ACCEPT],
            today: "2026-03-03",
            expect: Due("2026-05-04", "resolve"),
        },
        Case {
            name: "khiếu nại lần hai vùng sâu vùng xa phức tạp: 70 ngày",
            article: KN37,
            counted: "2/3/2026 + 30 = 1/4, + 30 = 1/5, + 10 = thứ Hai 11/5",
            intake: SECOND_REMOTE,
            received: "2026-03-02",
            steps: &[ACCEPT_COMPLEX],
            today: "2026-03-03",
            expect: Due("2026-05-11", "resolve"),
        },
        Case {
            name: "khiếu nại lần hai vùng sâu vùng xa phức tạp năm 2025",
            article: KN37,
            counted: "thụ lý 24/7/2025: 31/7 (7), 31/8 (38), 30/9 (68), 2/10 (70) — thứ Năm",
            intake: SECOND_REMOTE,
            received: "2025-07-24",
            steps: &[("accepted", "2025-07-24", &["--complexity", "complex"])],
            today: "2025-07-25",
            expect: Due("2025-10-02", "resolve"),
        },
        Case {
            name: "khiếu nại: hạn giải quyết rơi vào Tết Bính Ngọ",
            article: BLDS148,
            counted: "thụ lý 20/1/2026 + 30 = 19/2 (Tết), 20/2 Tết, 21–22/2 cuối tuần → 23/2",
            intake: COMPLAINT,
            received: "2026-01-19",
            steps: &[("accepted", "2026-01-20", &[])],
            today: "2026-01-21",
            expect: Due("2026-02-23", "resolve"),
        },
        Case {
            name: "khiếu nại: hạn giải quyết rơi vào Tết Dương lịch 2026 và ngày hoán đổi 2/1",
            article: BLDS148,
            counted: "thụ lý 2/12/2025 + 30 = 1/1/2026 (nghỉ), 2/1 nghỉ hoán đổi, 3–4/1 cuối tuần → 5/1",
            intake: COMPLAINT,
            received: "2025-12-01",
            steps: &[("accepted", "2025-12-02", &[])],
            today: "2025-12-03",
            expect: Due("2026-01-05", "resolve"),
        },
        Case {
            name: "tố cáo: giải quyết 30 ngày",
            article: TC30,
            counted: "thụ lý 2/3/2026 + 30 = 1/4",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[ACCEPT, NOTIFIED_0302],
            today: "2026-03-03",
            expect: Due("2026-04-01", "resolve"),
        },
        Case {
            name: "tố cáo: hạn giải quyết sau Quốc khánh 2025 không dời",
            article: TC30,
            counted: "thụ lý thứ Hai 4/8/2025 + 30 = thứ Tư 3/9 (1–2/9 nghỉ nhưng 3/9 là ngày làm việc)",
            intake: DENUNCIATION,
            received: "2025-08-01",
            steps: &[
                ("accepted", "2025-08-04", &[]),
                ("notified", "2025-08-04", &[]),
            ],
            today: "2025-08-05",
            expect: Due("2025-09-03", "resolve"),
        },
        Case {
            name: "kiến nghị: 30 ngày theo mặc định nội bộ",
            article: "Mặc định nội bộ (không có thời hạn luật định)",
            counted: "thụ lý 2/3/2026 + 30 = 1/4",
            intake: RECOMMENDATION,
            received: "2026-03-02",
            steps: &[ACCEPT],
            today: "2026-03-03",
            expect: Due("2026-04-01", "resolve"),
        },
        // ── Extensions (gia hạn) ───────────────────────────────────────────────────────────────
        Case {
            name: "tố cáo phức tạp gia hạn một lần 30 ngày",
            article: TC30,
            counted: "2/3/2026 + 30 + 30 = 1/5 (nghỉ), 2–3/5 cuối tuần → 4/5",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "30"]),
            ],
            today: "2026-03-26",
            expect: Due("2026-05-04", "resolve"),
        },
        Case {
            name: "tố cáo phức tạp gia hạn 20 ngày (dưới mức tối đa)",
            article: TC30,
            counted: "2/3/2026 + 30 + 20 = thứ Ba 21/4",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "20"]),
            ],
            today: "2026-03-26",
            expect: Due("2026-04-21", "resolve"),
        },
        Case {
            name: "tố cáo phức tạp: gia hạn không ghi số ngày thì lấy mức tối đa 30",
            article: TC30,
            counted: "2/3/2026 + 30 + 30 = 1/5 → 4/5",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &[]),
            ],
            today: "2026-03-26",
            expect: Due("2026-05-04", "resolve"),
        },
        Case {
            name: "tố cáo đặc biệt phức tạp gia hạn hai lần",
            article: TC30,
            counted: "2/3/2026 + 30 + 30 + 30 = Chủ nhật 31/5 → thứ Hai 1/6",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_VERY_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "30"]),
                ("extended", "2026-04-25", &["--days", "30"]),
            ],
            today: "2026-04-27",
            expect: Due("2026-06-01", "resolve"),
        },
        Case {
            name: "tố cáo: gia hạn quá 30 ngày bị từ chối",
            article: TC30,
            counted: "mỗi lần không quá 30 ngày",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "45"]),
            ],
            today: "2026-03-26",
            expect: Refused("từ 1 đến 30 ngày"),
        },
        Case {
            name: "tố cáo đặc biệt phức tạp: lần gia hạn thứ hai cũng tối đa 30 ngày",
            article: TC30,
            counted: "mỗi lần không quá 30 ngày",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_VERY_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "30"]),
                ("extended", "2026-04-25", &["--days", "31"]),
            ],
            today: "2026-04-27",
            expect: Refused("từ 1 đến 30 ngày"),
        },
        Case {
            name: "tố cáo phức tạp chỉ được gia hạn một lần",
            article: TC30,
            counted: "lần thứ hai bị từ chối",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT_COMPLEX,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "30"]),
                ("extended", "2026-04-20", &["--days", "10"]),
            ],
            today: "2026-04-21",
            expect: Refused("đã dùng hết 1 lần gia hạn"),
        },
        Case {
            name: "tố cáo không phức tạp không được gia hạn",
            article: TC30,
            counted: "gia hạn chỉ khi phức tạp, đặc biệt phức tạp",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT,
                NOTIFIED_0302,
                ("extended", "2026-03-25", &["--days", "30"]),
            ],
            today: "2026-03-26",
            expect: Refused("chỉ vụ việc phức tạp"),
        },
        Case {
            name: "tố cáo: gia hạn ghi rõ vụ việc phức tạp thì được",
            article: TC30,
            counted: "thụ lý thường, gia hạn kèm mức phức tạp: 2/3 + 30 + 30 = 1/5 → 4/5",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT,
                NOTIFIED_0302,
                (
                    "extended",
                    "2026-03-25",
                    &["--days", "30", "--complexity", "complex"],
                ),
            ],
            today: "2026-03-26",
            expect: Due("2026-05-04", "resolve"),
        },
        Case {
            name: "khiếu nại không có gia hạn",
            article: KN28,
            counted: "khiếu nại phức tạp dùng thời hạn dài hơn, không gia hạn",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[
                ACCEPT_COMPLEX,
                ("extended", "2026-03-25", &["--days", "15"]),
            ],
            today: "2026-03-26",
            expect: Refused("không quy định gia hạn"),
        },
        // ── Suspension (tạm đình chỉ) ──────────────────────────────────────────────────────────
        Case {
            name: "khiếu nại tạm đình chỉ 10 ngày rồi tiếp tục",
            article: KN_SUSPEND_OLD,
            counted: "1/4/2026 + 10 ngày dừng (10/3→20/3) = thứ Bảy 11/4 → thứ Hai 13/4",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[
                ACCEPT,
                ("suspended", "2026-03-10", &[]),
                ("resumed", "2026-03-20", &[]),
            ],
            today: "2026-03-21",
            expect: Due("2026-04-13", "resolve"),
        },
        Case {
            name: "tố cáo đang tạm đình chỉ: hạn tính như nếu tiếp tục hôm nay",
            article: "Luật Tố cáo 2018, Điều 34(2)",
            counted: "1/4/2026 + 15 ngày đang dừng (10/3→25/3) = thứ Năm 16/4",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[
                ACCEPT,
                NOTIFIED_0302,
                ("suspended", "2026-03-10", &[]),
                ("notified", "2026-03-10", &[]),
            ],
            today: "2026-03-25",
            expect: Due("2026-04-16", "resolve"),
        },
        Case {
            name: "khiếu nại tạm đình chỉ hai lần",
            article: KN_SUSPEND_OLD,
            counted: "1/4/2026 + 1 (5→6/3) + 2 (10→12/3) = thứ Bảy 4/4 → thứ Hai 6/4",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[
                ACCEPT,
                ("suspended", "2026-03-05", &[]),
                ("resumed", "2026-03-06", &[]),
                ("suspended", "2026-03-10", &[]),
                ("resumed", "2026-03-12", &[]),
            ],
            today: "2026-03-13",
            expect: Due("2026-04-06", "resolve"),
        },
        Case {
            name: "khiếu nại tạm đình chỉ sau khi Luật 136/2025 có hiệu lực",
            article: L136,
            counted: "thụ lý thứ Tư 8/7/2026 + 30 = thứ Sáu 7/8; + 10 ngày dừng (15/7→25/7) = thứ Hai 17/8",
            intake: COMPLAINT,
            received: "2026-07-06",
            steps: &[
                ("accepted", "2026-07-08", &[]),
                ("suspended", "2026-07-15", &[]),
                ("resumed", "2026-07-25", &[]),
            ],
            today: "2026-07-26",
            expect: Due("2026-08-17", "resolve"),
        },
        // ── Effective dates: a petition is judged by the text in force when its clock starts ─────
        Case {
            name: "tố cáo nhận năm 2018: thụ lý trong 10 ngày (Luật Tố cáo 2011)",
            article: TC2011,
            counted: "nhận thứ Sáu 1/6/2018 + 10 ngày = thứ Hai 11/6 (Luật 2018 sẽ là 7 ngày LV = 12/6)",
            intake: DENUNCIATION,
            received: "2018-06-01",
            steps: &[],
            today: "2018-06-02",
            expect: Due("2018-06-11", "accept"),
        },
        Case {
            name: "tố cáo thụ lý năm 2018: giải quyết 60 ngày (Luật Tố cáo 2011)",
            article: TC2011,
            counted: "thụ lý thứ Ba 5/6/2018 + 60 = thứ Bảy 4/8 → thứ Hai 6/8 (Luật 2018 sẽ là 30 ngày)",
            intake: DENUNCIATION,
            received: "2018-06-01",
            steps: &[
                ("accepted", "2018-06-05", &[]),
                ("notified", "2018-06-05", &[]),
            ],
            today: "2018-06-06",
            expect: Due("2018-08-06", "resolve"),
        },
        Case {
            name: "tố cáo nhận 31/12/2018, thụ lý 2/1/2019: giải quyết theo Luật Tố cáo 2018",
            article: TC30,
            counted: "thụ lý thứ Tư 2/1/2019 + 30 = thứ Sáu 1/2/2019 (Tết Kỷ Hợi 2–10/2/2019 chưa tới)",
            intake: DENUNCIATION,
            received: "2018-12-31",
            steps: &[
                ("accepted", "2019-01-02", &[]),
                ("notified", "2019-01-02", &[]),
            ],
            today: "2019-01-03",
            expect: Due("2019-02-01", "resolve"),
        },
        // ── Notices beside the resolution clock ────────────────────────────────────────────────
        Case {
            name: "tố cáo: thông báo thụ lý cho người tố cáo trong 5 ngày làm việc",
            article: "Luật Tố cáo 2018, Điều 29",
            counted: "thụ lý thứ Hai 2/3/2026; 5 ngày LV: 3, 4, 5, 6, 9/3 → thứ Hai 9/3 (trước hạn giải quyết 1/4)",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[ACCEPT],
            today: "2026-03-03",
            expect: Due("2026-03-09", "notify_denouncer"),
        },
        Case {
            name: "tố cáo tạm đình chỉ: gửi quyết định trong 5 ngày làm việc",
            article: "Luật Tố cáo 2018, Điều 34",
            counted: "tạm đình chỉ thứ Ba 10/3/2026; 5 ngày LV: 11, 12, 13, 16, 17/3 → thứ Ba 17/3",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[ACCEPT, NOTIFIED_0302, ("suspended", "2026-03-10", &[])],
            today: "2026-03-11",
            expect: Due("2026-03-17", "notify_suspension"),
        },
        Case {
            name: "thông báo khi không còn gì chờ thông báo",
            article: "Luật Tố cáo 2018, Điều 29",
            counted: "đã thông báo thụ lý ngày 2/3; bước thông báo thứ hai bị từ chối",
            intake: DENUNCIATION,
            received: "2026-03-02",
            steps: &[ACCEPT, NOTIFIED_0302, ("notified", "2026-03-03", &[])],
            today: "2026-03-04",
            expect: Refused("không có thông báo nào đang chờ"),
        },
        Case {
            name: "kiến nghị không tạm đình chỉ",
            article: "Luật Khiếu nại 2011; Luật Tố cáo 2018, Điều 34 (chỉ khiếu nại, tố cáo)",
            counted: "bước tạm đình chỉ bị từ chối",
            intake: RECOMMENDATION,
            received: "2026-03-02",
            steps: &[ACCEPT, ("suspended", "2026-03-10", &[])],
            today: "2026-03-11",
            expect: Refused("không áp dụng tạm đình chỉ"),
        },
        Case {
            name: "rút một phần khiếu nại: thời hạn vẫn chạy",
            article: "Luật Khiếu nại 2011, Điều 10",
            counted: "rút một phần không đóng đơn: vẫn 1/4/2026",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[ACCEPT, ("withdrawn", "2026-03-05", &["--partial"])],
            today: "2026-03-06",
            expect: Due("2026-04-01", "resolve"),
        },
        // ── Closed: no clock ───────────────────────────────────────────────────────────────────
        Case {
            name: "khiếu nại đã giải quyết: hết thời hạn",
            article: KN28,
            counted: "đã có quyết định giải quyết",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[
                ACCEPT,
                ("resolved", "2026-03-20", &["--decision", "12/QĐ-UBND"]),
            ],
            today: "2026-03-21",
            expect: NoDeadline,
        },
        Case {
            name: "đơn đã chuyển: cơ quan nhận tính thời hạn",
            article: KN27,
            counted: "không thuộc thẩm quyền, đã chuyển",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[("transferred", "2026-03-04", &["--to-agency", "UBND tỉnh"])],
            today: "2026-03-05",
            expect: NoDeadline,
        },
        Case {
            name: "một bước không thể trước ngày nhận đơn",
            article: KN27,
            counted: "thụ lý 1/3 trước ngày nhận 2/3/2026 bị từ chối",
            intake: COMPLAINT,
            received: "2026-03-02",
            steps: &[("accepted", "2026-03-01", &[])],
            today: "2026-03-03",
            expect: Refused("không được trước ngày nhận đơn"),
        },
        // ── A provisional year ─────────────────────────────────────────────────────────────────
        Case {
            name: "năm 2027 (lịch nghỉ tạm tính): hạn thụ lý qua Tết Đinh Mùi",
            article: BLDS148,
            counted: "nhận 27/1/2027 + 10 = thứ Bảy 6/2 (nghỉ Tết 5–11/2 theo bảng tạm tính) → thứ Sáu 12/2",
            intake: COMPLAINT,
            received: "2027-01-27",
            steps: &[],
            today: "2027-01-28",
            expect: Due("2027-02-12", "accept"),
        },
    ]
}

/// The binary on `desk` as officer `canbo.test`, on the case's own "today".
fn tiepdan(desk: &Desk, today: &str, args: &[&str]) -> Output {
    isolated(env!("CARGO_BIN_EXE_tiepdan"), &desk.file("config"))
        .arg("--db")
        .arg(desk.db())
        .args(["--as", "canbo.test", "--today", today])
        .args(args)
        .output()
        .unwrap()
}

/// Runs one case on its own petition of `desk`; returns what went wrong, if anything.
fn run(desk: &Desk, case: &Case) -> Option<String> {
    let mut add = vec!["visit", "add", "--subject", "Vụ việc kiểm tra thời hạn"];
    add.extend(["--received", case.received]);
    if !case.intake.contains(&"--anonymous") {
        add.extend(["--name", "Nguyễn Văn Kiểm"]);
    }
    add.extend(case.intake);
    let out = tiepdan(desk, case.today, &add);
    if !out.status.success() {
        return Some(format!(
            "visit add failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    for (i, (step, on, extra)) in case.steps.iter().enumerate() {
        // Markers have a command of their own (`petition mark`).
        let mut args = match *step {
            "mark" => vec!["petition", "mark", code.as_str(), "--date", on],
            _ => vec![
                "petition",
                "advance",
                code.as_str(),
                "--to",
                step,
                "--date",
                on,
            ],
        };
        args.extend(*extra);
        let out = tiepdan(desk, case.today, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = i + 1 == case.steps.len();
        match (&case.expect, last, out.status.success()) {
            (Refused(text), true, false) => {
                return (!stderr.contains(text))
                    .then(|| format!("refused, but stderr lacks {text:?}: {stderr}"));
            }
            (Refused(_), true, true) => return Some(format!("step {step} was accepted")),
            (_, _, false) => return Some(format!("step {step} refused: {stderr}")),
            _ => {}
        }
    }
    let out = tiepdan(
        desk,
        case.today,
        &["petition", "show", code.as_str(), "--json"],
    );
    let Ok(shown) = serde_json::from_slice::<Value>(&out.stdout) else {
        return Some(format!(
            "petition show: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    };
    let got = (shown["due_on"].as_str(), shown["due_kind"].as_str());
    match case.expect {
        Due(on, which) => {
            (got != (Some(on), Some(which))).then(|| format!("expected {which} {on}, got {got:?}"))
        }
        NoDeadline => (got != (None, None)).then(|| format!("expected none, got {got:?}")),
        Refused(_) => Some("nothing was refused".into()),
        Clock(which, on) => {
            let clocks = shown["deadlines"].as_array().cloned().unwrap_or_default();
            let found = clocks
                .iter()
                .any(|c| c["deadline"] == which && c["due_on"] == on);
            (!found).then(|| format!("expected {which} {on} among {clocks:?}"))
        }
        Window(ends_on, days_late) => {
            let w = &shown["complaint_window"];
            let got = (
                w["ends_on"].as_str(),
                w["days_late"].as_i64(),
                w["late"].as_bool(),
            );
            let want = (Some(ends_on), Some(days_late), Some(days_late > 0));
            (got != want).then(|| format!("expected window {want:?}, got {got:?}"))
        }
    }
}

#[test]
fn hand_counted_cases_through_the_cli() {
    let cases = cases();
    assert!(cases.len() >= 40, "the table keeps at least 40 cases");
    let desk = Desk::new();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run(&desk, case)
                .map(|why| format!("{} [{}; {}]: {why}", case.name, case.article, case.counted))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// A date counted on a year whose holiday notice is not in the table says so in every JSON row
/// ("tạm tính"); one counted wholly on notified years does not.
#[test]
fn dates_on_a_provisional_calendar_say_so() {
    let desk = Desk::new();
    let add = |received: &str, today: &str| {
        let out = tiepdan(
            &desk,
            today,
            &[
                "visit",
                "add",
                "--name",
                "Lê Thị Tạm",
                "--kind",
                "khieu-nai",
                "--subject",
                "Khiếu nại thu hồi đất",
                "--received",
                received,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let notified = add("2026-03-02", "2026-03-03");
    let guessed = add("2026-12-28", "2026-12-29");
    let flag = |code: &str| {
        let out = tiepdan(&desk, "2026-12-29", &["petition", "show", code, "--json"]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["calendar_provisional"].as_bool()
    };
    assert_eq!(flag(&notified), Some(false));
    assert_eq!(
        flag(&guessed),
        Some(true),
        "thụ lý by 7/1/2027: the 2027 table is provisional"
    );
    let out = tiepdan(&desk, "2026-12-29", &["due", "--json"]);
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |code: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(row(&guessed)["calendar_provisional"], true);
    assert_eq!(row(&notified)["calendar_provisional"], false);
    let out = tiepdan(&desk, "2026-12-29", &["petition", "show", &guessed]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("tạm tính"));
}

/// `check` warns 60 days before the holiday table's last year ends (2027 in the shipped table).
#[test]
fn check_warns_before_the_holiday_table_runs_out() {
    let desk = Desk::new();
    let out = tiepdan(
        &desk,
        "2027-10-31",
        &[
            "visit",
            "add",
            "--name",
            "Lê Văn Lịch",
            "--kind",
            "phan-anh",
            "--subject",
            "Phản ánh đèn đường",
        ],
    );
    assert!(out.status.success());
    let quiet = tiepdan(&desk, "2027-10-31", &["check"]);
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("holidays.toml"));
    let warned = tiepdan(&desk, "2027-11-01", &["check"]);
    assert!(warned.status.success(), "a warning, not a failure");
    let stderr = String::from_utf8_lossy(&warned.stderr);
    assert!(
        stderr.contains("31/12/2027") && stderr.contains("còn 60 ngày") && stderr.contains("2028"),
        "{stderr}"
    );
}

/// `tiepdan rules --list` names every rule in force with its article and dates, and says which
/// numbers were not checked against the published text; it needs no database.
#[test]
fn rules_list_names_every_rule_with_its_article_and_dates() {
    let desk = Desk::new();
    let json = tiepdan(&desk, "2026-12-02", &["rules", "--list", "--json"]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let listing: Value = serde_json::from_slice(&json.stdout).unwrap();
    let deadlines = listing["deadlines"].as_array().unwrap();
    assert!(deadlines.len() >= 20, "{}", deadlines.len());
    for rule in deadlines {
        let basis = rule["basis"].as_str().unwrap();
        assert!(!basis.is_empty(), "{rule}");
        // Only the internal defaults (no statutory period) are dateless.
        if !basis.starts_with("Mặc định nội bộ") {
            assert!(
                rule["effective_from"].is_string(),
                "no effective date: {rule}"
            );
        }
    }
    let unverified: Vec<&str> = deadlines
        .iter()
        .filter(|r| r["verified"] == false)
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        unverified.contains(&"denunciation-resolve-2011"),
        "{unverified:?}"
    );
    let suspensions = listing["suspensions"].as_array().unwrap();
    let kinds: Vec<&str> = suspensions
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"complaint") && kinds.contains(&"denunciation"));
    assert!(!kinds.contains(&"recommendation") && !kinds.contains(&"report"));

    let text = tiepdan(&desk, "2026-12-02", &["rules", "--list"]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    for rule in deadlines {
        assert!(text.contains(rule["id"].as_str().unwrap()), "{text}");
    }
    assert!(
        text.contains("Luật Tố cáo 2018, Điều 30 · áp dụng từ 01/01/2019"),
        "{text}"
    );
    assert!(
        text.contains("áp dụng 01/07/2012 – 31/12/2018 · CHƯA ĐỐI CHIẾU VĂN BẢN"),
        "{text}"
    );
    assert!(text.contains("Luật số 136/2025/QH15"), "{text}");
    assert!(
        text.contains("Chủ tịch UBND cấp xã: ít nhất 1 ngày mỗi tuần"),
        "{text}"
    );
    let receptions = listing["receptions"].as_array().unwrap();
    let commune = receptions.iter().find(|r| r["level"] == "commune").unwrap();
    assert_eq!(
        (commune["days"].as_u64(), commune["per"].as_str()),
        (Some(1), Some("week"))
    );
    assert!(!desk.db().exists(), "listing the rules creates no database");
}

/// A desk's own rules file is effective-dated too: with suspension of complaints allowed only from
/// 1/7/2026, a suspension on 30/6 is refused naming the date, one on 1/7 is taken.
#[test]
fn a_suspension_before_its_rule_is_in_force_is_refused() {
    let desk = Desk::new();
    let config = desk.file("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("rules.toml"),
        r#"
[[deadline]]
id = "complaint-first"
deadline = "resolve"
kind = "complaint"
days = 30
unit = "calendar"
from = "accepted"
basis = "Luật Khiếu nại 2011, Điều 28"
effective_from = 2012-07-01

[[suspension]]
kind = "complaint"
basis = "Luật số 136/2025/QH15"
effective_from = 2026-07-01
"#,
    )
    .unwrap();
    let out = tiepdan(
        &desk,
        "2026-06-20",
        &[
            "visit",
            "add",
            "--name",
            "Trần Văn Hoãn",
            "--kind",
            "khieu-nai",
            "--round",
            "first",
            "--subject",
            "Khiếu nại quyết định thu hồi đất",
            "--received",
            "2026-06-15",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let step = |to: &str, on: &str| {
        tiepdan(
            &desk,
            on,
            &["petition", "advance", &code, "--to", to, "--date", on],
        )
    };
    assert!(step("accepted", "2026-06-20").status.success());
    let early = step("suspended", "2026-06-30");
    assert!(!early.status.success());
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert!(
        stderr.contains("chỉ được tạm đình chỉ từ ngày 01/07/2026"),
        "{stderr}"
    );
    assert!(!stderr.to_lowercase().contains("sqlite"), "{stderr}");
    let on_time = step("suspended", "2026-07-01");
    assert!(
        on_time.status.success(),
        "{}",
        String::from_utf8_lossy(&on_time.stderr)
    );
}

/// The markers and the assignment desks set by hand: each an audited event in the history,
/// refused where the law's course does not allow it, and held by `check`.
#[test]
fn markers_and_assignment_are_steps_with_their_history() {
    let desk = Desk::new();
    let today = "2026-03-10";
    let add = tiepdan(
        &desk,
        today,
        &[
            "visit",
            "add",
            "--name",
            "Phạm Văn Kéo",
            "--kind",
            "khieu-nai",
            "--round",
            "first",
            "--subject",
            "Khiếu nại bồi thường đất",
            "--received",
            "2026-03-02",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let code = String::from_utf8_lossy(&add.stdout).trim().to_string();
    let run = |args: &[&str]| tiepdan(&desk, today, args);
    let show = || -> Value {
        let out = run(&["petition", "show", &code, "--json"]);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert!(
        run(&[
            "petition",
            "advance",
            &code,
            "--to",
            "accepted",
            "--date",
            "2026-03-02"
        ])
        .status
        .success()
    );
    // Lần đầu, thông thường: 30 days from 2/3 = 1/4 (Luật Khiếu nại 2011, Điều 28).
    assert_eq!(show()["due_on"], "2026-04-01");
    // Marked phức tạp: 45 days = 16/4 (Điều 28).
    let marked = run(&[
        "petition",
        "mark",
        &code,
        "--flag",
        "phuc-tap",
        "--note",
        "nhiều hộ",
    ]);
    assert!(
        marked.status.success(),
        "{}",
        String::from_utf8_lossy(&marked.stderr)
    );
    assert_eq!(show()["due_on"], "2026-04-16");
    let flag = |f: &str| run(&["petition", "mark", &code, "--flag", f]);
    assert!(flag("kéo dài").status.success());
    assert!(flag("vuot-cap").status.success());
    let text = run(&["petition", "show", &code]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("kéo dài") && text.contains("vượt cấp"),
        "{text}"
    );
    assert!(
        run(&["petition", "mark", &code, "--flag", "vuot-cap", "--off"])
            .status
            .success()
    );
    let text = run(&["petition", "show", &code]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("kéo dài") && !text.contains("vượt cấp"),
        "{text}"
    );

    let assigned = run(&["petition", "assign", &code, "--to", "Trần Thị Giao"]);
    assert!(
        assigned.status.success(),
        "{}",
        String::from_utf8_lossy(&assigned.stderr)
    );
    let json = show();
    assert_eq!(json["petition"]["officer"], "Trần Thị Giao");
    let kinds: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "marked").count(),
        4,
        "{kinds:?}"
    );
    assert!(kinds.contains(&"assigned"), "{kinds:?}");
    // An unknown marker is a usage error naming the ones there are.
    let bad = flag("rất gấp");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("keo-dai"));
    // The markers are not steps of the case's course: `advance` does not take them.
    assert!(
        !run(&["petition", "advance", &code, "--to", "marked"])
            .status
            .success()
    );

    // Closed: "đã giải quyết hết thẩm quyền" may still be marked; no reassignment, no complexity.
    let resolved = run(&[
        "petition",
        "advance",
        &code,
        "--to",
        "resolved",
        "--decision",
        "12/QĐ-UBND",
    ]);
    assert!(
        resolved.status.success(),
        "{}",
        String::from_utf8_lossy(&resolved.stderr)
    );
    assert!(flag("final").status.success());
    assert!(
        !run(&["petition", "assign", &code, "--to", "Lê Văn Muộn"])
            .status
            .success()
    );
    assert!(!flag("dac-biet-phuc-tap").status.success());
    let check = run(&["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// The disclosure (công khai kết quả) names what each decision found — đúng, sai, đúng một phần —
/// as recorded with the resolution step.
#[test]
fn the_disclosure_publishes_what_the_decision_found() {
    let desk = Desk::new();
    let today = "2026-04-20";
    let mut codes = Vec::new();
    for (name, finding) in [("Đỗ Văn Một", "partly"), ("Đỗ Thị Hai", "sai")] {
        let add = tiepdan(
            &desk,
            today,
            &[
                "visit",
                "add",
                "--name",
                name,
                "--kind",
                "khieu-nai",
                "--round",
                "first",
                "--subject",
                "Khiếu nại quyết định hành chính",
                "--received",
                "2026-03-02",
            ],
        );
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
        let code = String::from_utf8_lossy(&add.stdout).trim().to_string();
        let step = |args: &[&str]| {
            let mut all = vec!["petition", "advance", code.as_str()];
            all.extend(args);
            let out = tiepdan(&desk, today, &all);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        step(&["--to", "accepted", "--date", "2026-03-03"]);
        step(&[
            "--to",
            "resolved",
            "--date",
            "2026-03-10",
            "--decision",
            "9/QĐ-UBND",
            "--finding",
            finding,
        ]);
        codes.push(code);
    }
    let out = tiepdan(
        &desk,
        today,
        &["disclosure", "--period", "2026-Q1", "--format", "csv"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.contains("Kết luận"), "{csv}");
    let line = |code: &str| csv.lines().find(|l| l.contains(code)).unwrap().to_string();
    assert!(line(&codes[0]).contains("đúng một phần"), "{csv}");
    assert!(line(&codes[1]).contains(",sai,"), "{csv}");
    // An unknown finding is a usage error naming the choices.
    let bad = tiepdan(
        &desk,
        today,
        &[
            "petition",
            "advance",
            &codes[0],
            "--to",
            "note",
            "--finding",
            "có lẽ",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
}

/// A complaint received after the time limit to complain (Luật Khiếu nại 2011, Điều 9) is filed
/// all the same: `visit add` warns on stderr (naming the article and the exception for objective
/// obstacles), `petition show` says how late it came, and the deadline list marks it. A "ngày biết
/// quyết định" that cannot be is refused with nothing saved.
#[test]
fn a_late_complaint_is_filed_warned_and_marked() {
    let desk = Desk::new();
    let today = "2026-06-15";
    let add_on = |received: &str, extra: &[&str], lang: &str| {
        let mut args = vec![
            "--lang",
            lang,
            "visit",
            "add",
            "--name",
            "Hoàng Văn Trễ",
            "--subject",
            "Khiếu nại quyết định thu hồi đất",
            "--received",
            received,
        ];
        args.extend(extra);
        tiepdan(&desk, today, &args)
    };
    let add = |extra: &[&str], lang: &str| add_on(today, extra, lang);
    let late = add(&["--kind", "khieu-nai", "--known-on", "01/03/2026"], "vi");
    assert!(
        late.status.success(),
        "{}",
        String::from_utf8_lossy(&late.stderr)
    );
    let code = String::from_utf8_lossy(&late.stdout).trim().to_string();
    let warning = String::from_utf8_lossy(&late.stderr);
    assert!(
        warning.contains(&code)
            && warning.contains("quá thời hạn khiếu nại")
            && warning.contains("14 ngày")
            && warning.contains("01/06/2026")
            && warning.contains("Luật Khiếu nại 2011, Điều 9")
            && warning.contains("trở ngại khách quan"),
        "{warning}"
    );
    let shown = tiepdan(&desk, today, &["petition", "show", &code]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("Thời hạn khiếu nại") && shown.contains("QUÁ HẠN 14 ngày"),
        "{shown}"
    );
    let due = tiepdan(&desk, today, &["due"]);
    let due = String::from_utf8_lossy(&due.stdout);
    let row = due.lines().find(|l| l.contains(&code)).unwrap_or_default();
    assert!(row.contains("[quá hạn KN]"), "{due}");
    // In time: no warning, no mark.
    let in_time = add(&["--kind", "khieu-nai", "--known-on", "2026-06-01"], "vi");
    assert!(in_time.status.success());
    assert!(
        in_time.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&in_time.stderr)
    );
    let fine = String::from_utf8_lossy(&in_time.stdout).trim().to_string();
    let json = tiepdan(&desk, today, &["petition", "show", &fine, "--json"]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["complaint_window"]["late"], false);
    assert_eq!(json["petition"]["flags"], serde_json::json!([]));
    // Refused, in the user's language, and nothing saved.
    let before = tiepdan(&desk, today, &["due", "--json"]);
    let count = |out: &Output| {
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .map_or(0, Vec::len)
    };
    let wrong_kind = add(&["--kind", "to-cao", "--known-on", "2026-06-01"], "vi");
    assert!(!wrong_kind.status.success());
    assert!(
        String::from_utf8_lossy(&wrong_kind.stderr).contains("chỉ áp dụng cho đơn khiếu nại"),
        "{}",
        String::from_utf8_lossy(&wrong_kind.stderr)
    );
    let after_receipt = add_on(
        "2026-06-10",
        &["--kind", "khieu-nai", "--known-on", "2026-06-12"],
        "en",
    );
    assert!(!after_receipt.status.success());
    let stderr = String::from_utf8_lossy(&after_receipt.stderr);
    assert!(
        stderr.contains("cannot be after the petition was received"),
        "{stderr}"
    );
    let after = tiepdan(&desk, today, &["due", "--json"]);
    assert_eq!(count(&before), count(&after), "nothing saved on a refusal");
}

/// The leaders' reception schedule (Luật Tiếp công dân 2013, Điều 15(2)(d) for a commune: at least
/// one day a week): published with `schedule add`, listed with the days held, and each leader's
/// schedule compared with the minimum. March 2026, looked at on Thursday 12/3: weeks 23/2–1/3,
/// 2–8, 9–15, 16–22, 23–29 (30/3–5/4 still open at the month's end). Scheduled 3, 10, 12, 17, 24/3;
/// a leader received citizens on 3/3 and 11/3 (not scheduled), so 3/3 is held, 10/3 was not, 12/3,
/// 17/3 and 24/3 are to come, and the schedule leaves the week of 23/2–1/3 without a day: 4 of 5.
#[test]
fn the_leaders_schedule_is_published_and_compared_with_the_days_held() {
    let desk = Desk::new();
    let today = "2026-03-12";
    let leader = "Chủ tịch UBND xã Nguyễn Văn An";
    for received in ["2026-03-03", "2026-03-11"] {
        let out = tiepdan(
            &desk,
            today,
            &[
                "visit",
                "add",
                "--name",
                "Võ Thị Lịch",
                "--kind",
                "kien-nghi",
                "--subject",
                "Kiến nghị sửa đường",
                "--leader",
                "--visit-kind",
                "periodic",
                "--received",
                received,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for day in [
        "2026-03-03",
        "2026-03-10",
        "2026-03-12",
        "2026-03-17",
        "2026-03-24",
    ] {
        let out = tiepdan(
            &desk,
            today,
            &[
                "schedule",
                "add",
                "--leader",
                leader,
                "--date",
                day,
                "--note",
                "Trụ sở UBND xã",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The same leader twice on one day: refused, nothing overwritten.
    let twice = tiepdan(
        &desk,
        today,
        &[
            "schedule",
            "add",
            "--leader",
            leader,
            "--date",
            "03/03/2026",
            "--note",
            "khác",
        ],
    );
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&twice.stderr).contains("đã có trong lịch"),
        "{}",
        String::from_utf8_lossy(&twice.stderr)
    );
    let json = tiepdan(
        &desk,
        today,
        &["schedule", "list", "--month", "2026-03", "--json"],
    );
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let listing: Value = serde_json::from_slice(&json.stdout).unwrap();
    let states: Vec<(&str, &str)> = listing["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["day"].as_str().unwrap(), d["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("2026-03-03", "held"),
            ("2026-03-10", "missed"),
            ("2026-03-12", "upcoming"),
            ("2026-03-17", "upcoming"),
            ("2026-03-24", "upcoming"),
        ]
    );
    assert_eq!(
        listing["days"][0]["note"], "Trụ sở UBND xã",
        "the first note stays"
    );
    let c = &listing["leaders"][0];
    assert_eq!(
        [
            &c["scheduled"],
            &c["held"],
            &c["missed"],
            &c["upcoming"],
            &c["spans"],
            &c["spans_met"]
        ],
        [5, 1, 1, 3, 5, 4].map(Value::from).each_ref(),
        "{c}"
    );
    let text = tiepdan(&desk, today, &["schedule", "list", "--month", "2026-03"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("không tiếp")
            && text.contains("lịch đạt tối thiểu 4/5 tuần")
            && text.contains("Luật Tiếp công dân 2013, Điều 15"),
        "{text}"
    );
    // Published ahead: April's schedule, looked at in March, is all to come.
    let ahead = tiepdan(
        &desk,
        today,
        &[
            "schedule",
            "add",
            "--leader",
            leader,
            "--date",
            "2026-04-07",
        ],
    );
    assert!(ahead.status.success());
    let april = tiepdan(
        &desk,
        today,
        &["schedule", "list", "--month", "2026-04", "--json"],
    );
    let april: Value = serde_json::from_slice(&april.stdout).unwrap();
    assert_eq!(april["days"][0]["state"], "upcoming");
    let bad = tiepdan(
        &desk,
        today,
        &["--lang", "en", "schedule", "list", "--month", "2026-13"],
    );
    assert!(!bad.status.success());
    assert!(!String::from_utf8_lossy(&bad.stderr).is_empty());
}

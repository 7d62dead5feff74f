//! The vi/en message catalogue: every sentence a user reads comes from here.

use crate::error::{Deed, Error, OutputRefusal, Problem, Province, Refusal};
#[cfg(feature = "sqlite")]
use rusqlite::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vie" | "tieng viet" => Some(Lang::Vi),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the right half of a vi/en pair.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The hint bar's short words for a screen's commands (`tui::commands`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    AddPerson,
    Back,
    Cancel,
    Correct,
    Deadlines,
    DemoData,
    Done,
    ExportCsv,
    Filter,
    Flag,
    Help,
    Kind,
    MineOrAll,
    NeverMind,
    NewVisit,
    Next,
    NextPeriod,
    NextStep,
    Open,
    Pane,
    PeriodKind,
    Previous,
    Quit,
    RecordStep,
    Repeats,
    Report,
    Reveal,
    Save,
    SaveFiles,
    Search,
    Select,
    ShowReport,
    TakeIt,
    TakeStep,
    VoidSaved,
    Citizen,
    Receipt,
    ClearFilters,
}

pub fn hint(lang: Lang, hint: Hint) -> &'static str {
    match hint {
        Hint::AddPerson => lang.pick("Thêm người", "Add person"),
        Hint::Citizen => lang.pick("Công dân", "Citizen"),
        Hint::Back => lang.pick("Quay lại", "Back"),
        Hint::Cancel => lang.pick("Hủy", "Cancel"),
        Hint::Correct => lang.pick("Đính chính", "Correct"),
        Hint::Deadlines => lang.pick("Hạn", "Deadlines"),
        Hint::DemoData => lang.pick("Dữ liệu mẫu", "Demo data"),
        Hint::Done => lang.pick("Xong", "Done"),
        Hint::ExportCsv => lang.pick("Xuất CSV", "CSV"),
        Hint::Filter => lang.pick("Lọc", "Filter"),
        Hint::Flag => lang.pick("Dấu hiệu", "Flag"),
        Hint::Help => lang.pick("Trợ giúp", "Help"),
        Hint::Kind => lang.pick("Loại", "Kind"),
        Hint::MineOrAll => lang.pick("Của tôi/Tất cả", "Mine/All"),
        Hint::NeverMind => lang.pick("Thôi", "Cancel"),
        Hint::NewVisit => lang.pick("Tiếp dân mới", "New visit"),
        Hint::Next => lang.pick("Ô sau", "Next"),
        Hint::NextPeriod => lang.pick("Kỳ sau", "Next period"),
        Hint::NextStep => lang.pick("Bước tiếp", "Next step"),
        Hint::Open => lang.pick("Mở", "Open"),
        Hint::Pane => lang.pick("Khung", "Pane"),
        Hint::PeriodKind => lang.pick("Loại kỳ", "Period kind"),
        Hint::Previous => lang.pick("Kỳ trước", "Previous"),
        Hint::Quit => lang.pick("Thoát", "Quit"),
        Hint::RecordStep => lang.pick("Ghi bước", "Record step"),
        Hint::Repeats => lang.pick("Đơn trùng", "Repeats"),
        Hint::Report => lang.pick("Báo cáo", "Report"),
        Hint::Reveal => lang.pick("Xem danh tính", "Reveal"),
        Hint::Save => lang.pick("Lưu", "Save"),
        Hint::SaveFiles => lang.pick("Lưu CSV/XLSX/MD", "Save CSV/XLSX/MD"),
        Hint::Search => lang.pick("Tìm", "Search"),
        Hint::Select => lang.pick("Chọn", "Select"),
        Hint::ShowReport => lang.pick("Xem báo cáo", "Show report"),
        Hint::TakeIt => lang.pick("Thực hiện", "Take it"),
        Hint::TakeStep => lang.pick("Thực hiện bước", "Take step"),
        Hint::VoidSaved => lang.pick("Hủy đơn vừa lưu", "Void the one just saved"),
        Hint::Receipt => lang.pick("Biên nhận", "Receipt"),
        Hint::ClearFilters => lang.pick("bỏ lọc", "clear filters"),
    }
}

/// Shown instead of who filed a denunciation (Luật Tố cáo 2018, Điều 47).
/// A form that could not be saved: how many fields are wrong, and the first problem.
pub fn not_saved(lang: Lang, count: usize, first: &str) -> String {
    match lang {
        Lang::Vi => format!("✗ Chưa lưu: {count} lỗi — {first}"),
        Lang::En => format!("✗ Not saved: {count} error(s) — {first}"),
    }
}

/// A new visit and its petition saved.
pub fn visit_saved(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Vi => format!("✓ Đã lưu lượt tiếp và đơn {code}"),
        Lang::En => format!("✓ Saved the visit and petition {code}"),
    }
}

/// A return visit recorded on an existing petition.
pub fn return_visit_recorded(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Vi => format!("✓ Đã ghi lượt tiếp vào đơn {code} (không tạo đơn mới)"),
        Lang::En => format!("✓ Visit recorded on petition {code} (no new petition)"),
    }
}

/// A return visit recorded on a petition that is already closed: the officer may want a new one.
pub fn return_visit_on_closed(lang: Lang, code: &str, status: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "đơn {code} đã kết thúc ({status}); lượt tiếp đã được ghi vào đơn này — nếu công dân \
             nêu việc mới, hãy lập đơn mới"
        ),
        Lang::En => format!(
            "petition {code} is closed ({status}); the visit was recorded on it — if the citizen \
             raises a new matter, file a new petition"
        ),
    }
}

pub fn protected_label(lang: Lang) -> &'static str {
    lang.pick("(danh tính được bảo mật)", "(identity protected)")
}

/// Shown for a petition filed without a name.
pub fn anonymous_label(lang: Lang) -> &'static str {
    lang.pick("(nặc danh)", "(anonymous)")
}

/// What a provisional count's mark ("~") means, for legends and the petition screen.
pub fn provisional_text(lang: Lang) -> &'static str {
    lang.pick(
        "tạm tính: lịch nghỉ năm này chưa có thông báo chính thức",
        "provisional: this year's official holiday notice is not in the table yet",
    )
}

/// A deadline's day unit, short for lists: "ngày" / "ngày LV" (làm việc); "d" / "wd".
pub fn day_unit_short(lang: Lang, working: bool) -> &'static str {
    match (working, lang) {
        (false, Lang::Vi) => "ngày",
        (true, Lang::Vi) => "ngày LV",
        (false, Lang::En) => "d",
        (true, Lang::En) => "wd",
    }
}

/// Days to a deadline in `unit` (from [`day_unit_short`]): "còn 5 ngày LV", "quá 3 ngày", or
/// "hôm nay" when it falls due today.
pub fn days_left_text(lang: Lang, days: i64, unit: &str, due_today: bool) -> String {
    if due_today {
        return lang.pick("hôm nay", "today").into();
    }
    match (days < 0, lang) {
        (true, Lang::Vi) => format!("quá {} {unit}", -days),
        (true, Lang::En) => format!("{} {unit} late", -days),
        (false, Lang::Vi) => format!("còn {days} {unit}"),
        (false, Lang::En) => format!("{days} {unit} left"),
    }
}

/// Words of the leaders' reception schedule (`tiepdan schedule list`, the dashboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleText {
    Day,
    Leader,
    Note,
    State,
    /// A leader received citizens that day.
    Held,
    /// A scheduled day gone by with no leader's reception logged.
    Missed,
    /// Still to come.
    Upcoming,
}

impl ScheduleText {
    /// The state's code in JSON.
    pub fn code(self) -> &'static str {
        match self {
            ScheduleText::Held => "held",
            ScheduleText::Missed => "missed",
            ScheduleText::Upcoming => "upcoming",
            ScheduleText::Day => "day",
            ScheduleText::Leader => "leader",
            ScheduleText::Note => "note",
            ScheduleText::State => "state",
        }
    }
}

pub fn schedule_text(text: ScheduleText, lang: Lang) -> &'static str {
    match text {
        ScheduleText::Day => lang.pick("Ngày", "Day"),
        ScheduleText::Leader => lang.pick("Lãnh đạo", "Leader"),
        ScheduleText::Note => lang.pick("Ghi chú", "Note"),
        ScheduleText::State => lang.pick("Tình trạng", "State"),
        ScheduleText::Held => lang.pick("✓ đã tiếp", "✓ held"),
        ScheduleText::Missed => lang.pick("✗ không tiếp", "✗ not held"),
        ScheduleText::Upcoming => lang.pick("· sắp tới", "· to come"),
    }
}

/// "Lịch tiếp công dân của lãnh đạo 01/03/2026 – 31/03/2026".
pub fn schedule_title(lang: Lang, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    let (from, to) = (from.format("%d/%m/%Y"), to.format("%d/%m/%Y"));
    match lang {
        Lang::Vi => format!("Lịch tiếp công dân của lãnh đạo {from} – {to}"),
        Lang::En => format!("Leaders' reception schedule {from} – {to}"),
    }
}

/// One leader's line: days scheduled, held, not held, to come, and whether the schedule itself
/// meets the minimum for the desk's level (with its article).
pub fn schedule_summary(
    lang: Lang,
    c: &crate::rules::ScheduleCompliance,
    minimum: Option<&crate::rules::ReceptionRule>,
) -> String {
    let head = match lang {
        Lang::Vi => format!(
            "{}: lịch {} ngày · đã tiếp {} · không tiếp {} · sắp tới {}",
            c.leader, c.scheduled, c.held, c.missed, c.upcoming
        ),
        Lang::En => format!(
            "{}: {} days scheduled · {} held · {} not held · {} to come",
            c.leader, c.scheduled, c.held, c.missed, c.upcoming
        ),
    };
    let Some(rule) = minimum else {
        return head;
    };
    let per = rule.per.label(lang);
    let mark = if c.spans_met >= c.spans { "✓" } else { "✗" };
    match lang {
        Lang::Vi => format!(
            "{head} · {mark} lịch đạt tối thiểu {}/{} {per} (≥ {} ngày/{per}, {})",
            c.spans_met, c.spans, rule.days, rule.basis
        ),
        Lang::En => format!(
            "{head} · {mark} the schedule meets the minimum {}/{} {per} (≥ {} a {per}, {})",
            c.spans_met, c.spans, rule.days, rule.basis
        ),
    }
}

/// Words about the time limit to complain and the anonymous-denunciation path, for the petition
/// screen, the board and the intake warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalText {
    /// The label of the petition screen's line on the time limit to complain.
    WindowLabel,
    /// The board's short mark before a late complaint's subject.
    LateMark,
    /// The label of the line on an anonymous denunciation's path.
    InfoLabel,
    /// An anonymous denunciation awaiting handling: what the law says happens to it.
    InfoPending,
    /// The board's short mark before an anonymous denunciation's subject.
    InfoMark,
    /// The report's line counting anonymous denunciations handled as information.
    ReportInfoHandled,
    /// The new-visit form's short label for "ngày biết quyết định".
    KnownOnLabel,
}

pub fn legal_text(text: LegalText, lang: Lang) -> &'static str {
    match text {
        LegalText::WindowLabel => lang.pick("Thời hạn khiếu nại", "Time to complain"),
        LegalText::LateMark => lang.pick("[quá hạn KN]", "[late complaint]"),
        LegalText::InfoLabel => lang.pick("Đơn nặc danh", "Anonymous"),
        LegalText::InfoPending => lang.pick(
            "không xử lý như đơn tố cáo, không có thời hạn thụ lý (Luật Tố cáo 2018, Điều 25); \
             nếu nội dung rõ ràng, có tài liệu, chứng cứ cụ thể: xử lý thông tin (info_handled)",
            "not processed as a denunciation, no acceptance clock (Law on Denunciation 2018, \
             Art. 25); where the violation is concrete, handle it as information (info_handled)",
        ),
        LegalText::InfoMark => lang.pick("[nặc danh · Đ25]", "[anonymous · Art. 25]"),
        LegalText::ReportInfoHandled => lang.pick(
            "Xử lý thông tin (tố cáo nặc danh)",
            "Handled as information (anonymous)",
        ),
        LegalText::KnownOnLabel => lang.pick("Ngày biết QĐ", "Decision known"),
    }
}

/// The time limit to complain, on the petition screen: "90 ngày từ 01/03/2026 (ngày biết quyết
/// định) → hết 29/05/2026 [Luật Khiếu nại 2011, Điều 9]", then how late the complaint came.
pub fn filing_window_line(window: &crate::rules::FilingWindow, lang: Lang) -> String {
    let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let (known, ends) = (date(window.known_on), date(window.ends_on));
    let (days, basis) = (window.days, &window.basis);
    let head = match lang {
        Lang::Vi => format!("{days} ngày từ {known} (ngày biết quyết định) → hết {ends} [{basis}]"),
        Lang::En => format!("{days} days from {known} (decision known) → ends {ends} [{basis}]"),
    };
    let late = window.days_late;
    match (window.late(), lang) {
        (false, Lang::Vi) => format!("{head} — trong hạn"),
        (false, Lang::En) => format!("{head} — in time"),
        (true, Lang::Vi) => format!("{head} — QUÁ HẠN {late} ngày"),
        (true, Lang::En) => format!("{head} — {late} days LATE"),
    }
}

/// The warning a late complaint gets at intake: it is received and recorded all the same, and
/// the rule's own note (Điều 9: time lost to illness, disaster… does not count) follows.
pub fn late_filing_warning(code: &str, window: &crate::rules::FilingWindow, lang: Lang) -> String {
    let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let note = window
        .note
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let (late, ends, basis) = (window.days_late, date(window.ends_on), &window.basis);
    match lang {
        Lang::Vi => format!(
            "cảnh báo: đơn {code} nhận sau thời hạn khiếu nại {late} ngày (hết hạn {ends}, \
             {basis}). Đơn vẫn được tiếp nhận và ghi \"quá thời hạn khiếu nại\"; người có thẩm \
             quyền xem xét lý do chính đáng trước khi thụ lý{note}."
        ),
        Lang::En => format!(
            "warning: petition {code} came {late} days after the time limit to complain (it \
             ended {ends}, {basis}). It is received and marked \"filed after the time limit\"; \
             the competent person weighs any valid reason before accepting it{note}."
        ),
    }
}

/// A deadline whose clock is stopped (a suspended petition).
pub fn paused_label(lang: Lang) -> &'static str {
    lang.pick("tạm dừng", "paused")
}

/// The fields of a step's prompt (the TUI's step and correction prompt), each with its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Date,
    Agency,
    Decision,
    Days,
    Competence,
    Complexity,
    Partial,
    Flag,
    Unset,
    Officer,
    Finding,
    Note,
    /// A correction's fields: labelled as the intake form labels them.
    Subject,
    Summary,
    Field,
    Kind,
    Received,
}

impl StepField {
    pub fn label(self, lang: Lang) -> &'static str {
        use crate::domain::InputField;
        match self {
            StepField::Date => lang.pick("Ngày", "Date"),
            StepField::Agency => lang.pick("Cơ quan", "Agency"),
            StepField::Decision => lang.pick("Số quyết định", "Decision no."),
            StepField::Days => lang.pick("Số ngày", "Days"),
            StepField::Competence => lang.pick("Thẩm quyền", "Competence"),
            StepField::Complexity => lang.pick("Tính chất", "Complexity"),
            StepField::Partial => lang.pick("Rút một phần", "Partial"),
            StepField::Flag => lang.pick("Dấu hiệu", "Marker"),
            StepField::Unset => lang.pick("Bỏ dấu hiệu", "Clear it"),
            StepField::Officer => lang.pick("Cán bộ", "Officer"),
            StepField::Finding => lang.pick("Kết luận", "Finding"),
            StepField::Note => lang.pick("Ghi chú", "Note"),
            StepField::Subject => InputField::Subject.label(lang),
            StepField::Summary => InputField::Summary.label(lang),
            StepField::Field => InputField::Field.label(lang),
            StepField::Kind => InputField::Kind.label(lang),
            StepField::Received => InputField::ReceivedOn.label(lang),
        }
    }
}

/// The periodic report's sections, lines and column headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportText {
    CitizenReception,
    Visits,
    PeopleReceived,
    NewCases,
    RepeatCases,
    GroupVisits,
    PeopleInGroupVisits,
    VisitsReceivedByTheHead,
    DaysTheHeadReceived,
    PetitionsReceived,
    Total,
    Kind,
    Field,
    WithinOurCompetence,
    NotOurCompetence,
    CompetenceNotYetDetermined,
    EligibleForHandling,
    NotEligibleForHandling,
    NotYetHandled,
    Handling,
    Accepted,
    Transferred,
    Guided,
    Returned,
    Filed,
    Results,
    Resolved,
    ResolvedOnTime,
    ResolvedLate,
    InResolution,
    CarriedOverFromThePreviousPeriod,
    SectionHeader,
    ItemHeader,
    FigureHeader,
}

pub fn report_text(text: ReportText, lang: Lang) -> &'static str {
    match text {
        ReportText::CitizenReception => lang.pick("Tiếp công dân", "Citizen reception"),
        ReportText::Visits => lang.pick("Lượt tiếp", "Visits"),
        ReportText::PeopleReceived => lang.pick("Lượt người", "People received"),
        ReportText::NewCases => lang.pick("Vụ việc mới phát sinh", "New cases"),
        ReportText::RepeatCases => lang.pick("Vụ việc cũ (tái diễn)", "Repeat cases"),
        ReportText::GroupVisits => lang.pick("Đoàn đông người: lượt đoàn", "Group visits"),
        ReportText::PeopleInGroupVisits => {
            lang.pick("Đoàn đông người: lượt người", "People in group visits")
        }
        ReportText::VisitsReceivedByTheHead => {
            lang.pick("Người đứng đầu tiếp: lượt", "Visits received by the head")
        }
        ReportText::DaysTheHeadReceived => {
            lang.pick("Người đứng đầu tiếp: ngày", "Days the head received")
        }
        ReportText::PetitionsReceived => lang.pick("Tiếp nhận đơn", "Petitions received"),
        ReportText::Total => lang.pick("Tổng số đơn", "Total"),
        ReportText::Kind => lang.pick("Loại", "Kind"),
        ReportText::Field => lang.pick("Lĩnh vực", "Field"),
        ReportText::WithinOurCompetence => lang.pick("Thuộc thẩm quyền", "Within our competence"),
        ReportText::NotOurCompetence => lang.pick("Không thuộc thẩm quyền", "Not our competence"),
        ReportText::CompetenceNotYetDetermined => {
            lang.pick("Chưa xác định thẩm quyền", "Competence not yet determined")
        }
        ReportText::EligibleForHandling => lang.pick("Đủ điều kiện xử lý", "Eligible for handling"),
        ReportText::NotEligibleForHandling => {
            lang.pick("Không đủ điều kiện xử lý", "Not eligible for handling")
        }
        ReportText::NotYetHandled => {
            lang.pick("Chưa xử lý (chưa có hướng xử lý)", "Not yet handled")
        }
        ReportText::Handling => lang.pick("Hướng xử lý", "Handling"),
        ReportText::Accepted => lang.pick("Thụ lý", "Accepted"),
        ReportText::Transferred => lang.pick("Chuyển đơn", "Transferred"),
        ReportText::Guided => lang.pick("Hướng dẫn", "Guided"),
        ReportText::Returned => lang.pick("Trả lại đơn", "Returned"),
        ReportText::Filed => lang.pick("Lưu đơn", "Filed"),
        ReportText::Results => lang.pick("Kết quả giải quyết", "Results"),
        ReportText::Resolved => lang.pick("Đã giải quyết", "Resolved"),
        ReportText::ResolvedOnTime => lang.pick("Đã giải quyết đúng hạn", "Resolved on time"),
        ReportText::ResolvedLate => lang.pick("Đã giải quyết quá hạn", "Resolved late"),
        ReportText::InResolution => lang.pick("Đang giải quyết", "In resolution"),
        ReportText::CarriedOverFromThePreviousPeriod => lang.pick(
            "Tồn đọng kỳ trước chuyển sang",
            "Carried over from the previous period",
        ),
        ReportText::SectionHeader => lang.pick("Mục", "Section"),
        ReportText::ItemHeader => lang.pick("Chỉ tiêu", "Item"),
        ReportText::FigureHeader => lang.pick("Số liệu", "Figure"),
    }
}

/// The periodic report's title: its period's label and dates.
pub fn report_title(lang: Lang, label: &str, dates: &str) -> String {
    match lang {
        Lang::Vi => format!("Báo cáo công tác tiếp công dân, xử lý đơn kỳ {label} ({dates})"),
        Lang::En => format!("Citizen reception and petition report, period {label} ({dates})"),
    }
}

/// The headings and fixed words of `tiepdan rules --list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesText {
    Source,
    Deadlines,
    Extensions,
    Suspensions,
    NoSuspensionRule,
    Receptions,
    Holidays,
    AnyKind,
    Remote,
    NotRemote,
    Unverified,
}

pub fn rules_text(text: RulesText, lang: Lang) -> &'static str {
    match text {
        RulesText::Source => lang.pick("Quy định thời hạn:", "Deadline rules:"),
        RulesText::Deadlines => lang.pick("THỜI HẠN", "DEADLINES"),
        RulesText::Extensions => lang.pick("GIA HẠN", "EXTENSIONS"),
        RulesText::Suspensions => lang.pick("TẠM ĐÌNH CHỈ", "SUSPENSION"),
        RulesText::NoSuspensionRule => lang.pick(
            "(loại đơn không có quy định nào ở đây thì không được tạm đình chỉ)",
            "(a kind with no rule here cannot be suspended)",
        ),
        RulesText::Receptions => lang.pick(
            "LÃNH ĐẠO TIẾP CÔNG DÂN ĐỊNH KỲ (tối thiểu)",
            "LEADERS' OWN RECEPTION DAYS (minimum)",
        ),
        RulesText::Holidays => lang.pick("Lịch nghỉ:", "Holiday table:"),
        RulesText::AnyKind => lang.pick("mọi loại đơn", "any kind"),
        RulesText::Remote => lang.pick("vùng sâu, vùng xa", "remote areas"),
        RulesText::NotRemote => lang.pick("ngoài vùng sâu, vùng xa", "outside remote areas"),
        RulesText::Unverified => {
            lang.pick("CHƯA ĐỐI CHIẾU VĂN BẢN", "NOT CHECKED AGAINST THE TEXT")
        }
    }
}

/// "10 ngày làm việc từ ngày nhận đơn".
pub fn rule_period(lang: Lang, days: u32, unit: &str, from: &str) -> String {
    match lang {
        Lang::Vi => format!("{days} {unit} từ {from}"),
        Lang::En => format!("{days} {unit} from {from}"),
    }
}

/// "ít nhất 1 ngày mỗi tuần".
pub fn reception_minimum_text(lang: Lang, days: u32, per: &str) -> String {
    match lang {
        Lang::Vi => format!("ít nhất {days} ngày mỗi {per}"),
        Lang::En => format!("at least {days} day(s) a {per}"),
    }
}

/// "tối đa 2 lần, mỗi lần ≤ 30 ngày".
pub fn extension_allowance_text(lang: Lang, max: u32, days: u32) -> String {
    match lang {
        Lang::Vi => format!("tối đa {max} lần, mỗi lần không quá {days} ngày"),
        Lang::En => format!("at most {max}, each of at most {days} days"),
    }
}

/// When a rule is in force: "từ 01/01/2019", "01/07/2012 – 31/12/2018", "luôn áp dụng".
pub fn in_force_text(
    lang: Lang,
    from: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> String {
    let d = |day: chrono::NaiveDate| day.format("%d/%m/%Y").to_string();
    match (from, until, lang) {
        (None, None, _) => lang.pick("luôn áp dụng", "always").into(),
        (Some(f), None, Lang::Vi) => format!("áp dụng từ {}", d(f)),
        (Some(f), None, Lang::En) => format!("in force from {}", d(f)),
        (None, Some(u), Lang::Vi) => format!("áp dụng đến {}", d(u)),
        (None, Some(u), Lang::En) => format!("in force until {}", d(u)),
        (Some(f), Some(u), Lang::Vi) => format!("áp dụng {} – {}", d(f), d(u)),
        (Some(f), Some(u), Lang::En) => format!("in force {} – {}", d(f), d(u)),
    }
}

/// The dashboard's lines on leaders' own reception days: how many this month, and — when a
/// minimum is in force — how many weeks or months met it.
pub fn reception_lines(
    lang: Lang,
    days: u32,
    minimum: Option<(
        &crate::rules::ReceptionRule,
        &crate::rules::ReceptionCompliance,
    )>,
) -> (String, Option<String>) {
    let head = match lang {
        Lang::Vi => format!("Lãnh đạo tiếp: {days} ngày"),
        Lang::En => format!("Leader days: {days}"),
    };
    let detail = minimum.map(|(rule, c)| {
        let per = rule.per.label(lang);
        match lang {
            Lang::Vi => format!(
                "≥ {} ngày/{per}: đạt {}/{} {per}",
                rule.days, c.met, c.spans
            ),
            Lang::En => format!("≥ {} a {per}: met {}/{}", rule.days, c.met, c.spans),
        }
    });
    (head, detail)
}

/// The holiday table's last year, and whether it is provisional.
pub fn holidays_listed_until(lang: Lang, year: i32, provisional: bool) -> String {
    match (provisional, lang) {
        (false, Lang::Vi) => format!("có ngày nghỉ đến hết năm {year}"),
        (false, Lang::En) => format!("lists days off up to the end of {year}"),
        (true, Lang::Vi) => format!("có ngày nghỉ đến hết năm {year} (năm {year} tạm tính)"),
        (true, Lang::En) => format!("lists days off up to the end of {year} ({year} provisional)"),
    }
}

/// Quốc hiệu and tiêu ngữ: the national heading on every official form.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const NATIONAL_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The reception logbook's form number (Thông tư 04/2021/TT-TTCP).
pub const LOGBOOK_FORM: &str = "Mẫu số 03";

/// The disclosure's columns (công khai kết quả).
pub const DISCLOSURE_COLUMNS_VI: [&str; 8] = [
    "STT",
    "Mã đơn",
    "Loại đơn",
    "Lĩnh vực",
    "Số quyết định",
    "Ngày giải quyết",
    "Kết luận",
    "Kết quả",
];

pub const DISCLOSURE_COLUMNS_EN: [&str; 8] = [
    "No.",
    "Code",
    "Kind",
    "Field",
    "Decision number",
    "Decided on",
    "Finding",
    "Outcome",
];

/// The logbook's official columns (Mẫu số 03); columns 7–9 are the three "Hướng xử lý".
pub const LOGBOOK_COLUMNS_VI: [&str; 12] = [
    "STT",
    "Ngày tiếp",
    "Họ tên – Địa chỉ",
    "CMND/CCCD/Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại đơn / Số người",
    "Cơ quan đã giải quyết",
    "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan có thẩm quyền",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
];

pub const LOGBOOK_COLUMNS_EN: [&str; 12] = [
    "No.",
    "Date",
    "Name – address",
    "ID number",
    "Matter",
    "Kind / headcount",
    "Agency that has dealt with it",
    "Accepted for resolution",
    "Returned and guided",
    "Transferred to the competent agency",
    "Outcome follow-up",
    "Notes",
];

/// The status bar's note that the holiday table ends on `last_day` (60 days ahead or past).
pub fn calendar_runs_out(lang: Lang, last_day: chrono::NaiveDate) -> String {
    let day = last_day.format("%d/%m/%Y");
    match lang {
        Lang::Vi => format!("⚠ lịch nghỉ chỉ đến {day}"),
        Lang::En => format!("⚠ holiday table ends {day}"),
    }
}

/// The label over the logbook's three handling columns.
pub fn logbook_handling_group(lang: Lang) -> &'static str {
    lang.pick("Hướng xử lý", "Handling")
}

/// `tiepdan key init`: the key was made now, or was there already.
pub fn key_ready(made: bool, path: &str, key_id: &str, lang: Lang) -> String {
    match (made, lang) {
        (true, Lang::Vi) => format!("Đã tạo khoá bàn tiếp dân: {path} (mã khoá {key_id})"),
        (true, Lang::En) => format!("Made the desk key: {path} (key id {key_id})"),
        (false, Lang::Vi) => format!("Khoá bàn tiếp dân đã có: {path} (mã khoá {key_id})"),
        (false, Lang::En) => format!("The desk key is already there: {path} (key id {key_id})"),
    }
}

/// `tiepdan key init --passphrase`: the key is now kept locked by the passphrase.
pub fn key_locked(path: &str, key_id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã khoá khoá bàn tiếp dân bằng mật khẩu: {path} (mã khoá {key_id}); từ nay bàn tiếp dân hỏi mật khẩu khi mở"
        ),
        Lang::En => format!(
            "The desk key is now locked by the passphrase: {path} (key id {key_id}); the desk asks for it when it starts"
        ),
    }
}

/// `tiepdan key rotate`: how many sealed values were sealed again, and the new key's id.
pub fn key_rotated(count: usize, key_id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã đổi khoá bàn tiếp dân (mã khoá mới {key_id}); đã mã hoá lại {count} giá trị. \
             Hãy xuất lại bản khôi phục: tiepdan key export-recovery"
        ),
        Lang::En => format!(
            "Rotated the desk key (new key id {key_id}); {count} values sealed again. \
             Export a new recovery sheet: tiepdan key export-recovery"
        ),
    }
}

/// `tiepdan key export-recovery`: where the sheet went.
pub fn recovery_written(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã ghi bản khôi phục khoá vào {path} (chỉ chủ tài khoản đọc được). In ra, cho vào \
             phong bì niêm phong “MẬT”, giao thủ trưởng cơ quan giữ; rồi xoá tệp."
        ),
        Lang::En => format!(
            "Wrote the key recovery sheet to {path} (owner-only). Print it, seal it in an \
             envelope marked SECRET for the head of the agency, then delete the file."
        ),
    }
}

/// The recovery sheet itself (both languages: it may be read years later by someone else).
pub fn recovery_sheet(key_hex: &str, key_id: &str, made_on: &str, by: &str) -> String {
    format!(
        "MẬT / SECRET — tiepdan\n\
         Khoá bàn tiếp dân (bảo mật danh tính người tố cáo) / Desk key (denouncer secrecy)\n\
         Mã khoá / key id: {key_id}\n\
         Ngày xuất / exported on: {made_on} — người xuất / by: {by}\n\n\
         {key_hex}\n\n\
         Khôi phục / to restore: ghi dòng trên vào tệp desk.key trong thư mục cấu hình, quyền 600 \
         (chmod 600) / write the line above to desk.key in the configuration folder, mode 600.\n\
         Ai có dòng này đọc được danh tính người tố cáo trong mọi bản sao cơ sở dữ liệu. / \
         Whoever holds this line can read every denouncer's identity in any copy of the database.\n"
    )
}

/// The secrecy marking of a document naming denouncers (Quyết định 774/QĐ-TTg: "Mật").
pub fn classified_mark(lang: Lang) -> &'static str {
    lang.pick("MẬT", "MẬT (SECRET)")
}

/// The petition screen's line with a revealed denouncer (`petition show --reveal`).
pub fn revealed_identity_label(lang: Lang) -> &'static str {
    lang.pick("Danh tính (MẬT)", "Identity (SECRET)")
}

/// One revealed filer: name, then each known detail.
pub fn revealed_filer(c: &crate::domain::Citizen, lang: Lang) -> String {
    let mut out = c.full_name.clone();
    for (label, value) in [
        (lang.pick("CCCD/CMND", "ID"), c.id_number.clone()),
        (lang.pick("ĐT", "phone"), c.phone.clone()),
        (lang.pick("địa chỉ", "address"), c.address.clone()),
        (
            lang.pick("năm sinh", "born"),
            c.birth_year.map(|y| y.to_string()),
        ),
    ] {
        if let Some(value) = value {
            out.push_str(&format!(", {label} {value}"));
        }
    }
    out
}

/// `petition show`: a filer's ID number, phone and address (operators and admins).
pub fn contact_label(lang: Lang) -> &'static str {
    lang.pick("Liên hệ", "Contact")
}

/// Warned when a denunciation's subject or summary names its own filer.
pub fn denouncer_named_in_text(lang: Lang) -> &'static str {
    lang.pick(
        "lưu ý: nội dung/tóm tắt đơn tố cáo có ghi họ tên, số giấy tờ hoặc số điện thoại của người tố cáo; \
         các bản in, tệp xuất và màn hình thanh tra sẽ thay bằng \"[người tố cáo]\" (dùng --redact-mentions để thay ngay khi lưu)",
        "note: the denunciation's subject/summary names its denouncer (name, ID or phone); printouts, \
         exports and inspectors' screens show \"[the denouncer]\" instead (--redact-mentions replaces it when saving)",
    )
}

/// Said when `--redact-mentions` (or the form's answer) replaced the denouncer's own name, ID or
/// phone in a denunciation's text.
pub fn denouncer_mentions_replaced(lang: Lang) -> &'static str {
    lang.pick(
        "đã thay họ tên, số giấy tờ, số điện thoại của người tố cáo trong nội dung/tóm tắt bằng \"[người tố cáo]\"",
        "the denouncer's name, ID and phone in the subject/summary were replaced by \"[người tố cáo]\"",
    )
}

/// What replaces a denouncer's name, ID or phone inside a denunciation's subject or summary in
/// every output an inspector or the public may see (Luật Tố cáo 2018, Điều 47(1)(b)).
pub fn denouncer_mention(lang: Lang) -> &'static str {
    lang.pick("[người tố cáo]", "[the denouncer]")
}

/// A search hit matched on the denouncer (blind): the identity itself stays protected.
pub fn same_denouncer_label(lang: Lang) -> &'static str {
    lang.pick(
        "người tố cáo trùng (danh tính được bảo mật)",
        "same denouncer (identity protected)",
    )
}

/// Repeat pane: an earlier petition under the old 9-digit CMND while the form holds the 12-digit
/// CCCD (or the other way round).
pub fn old_id_number_label(lang: Lang) -> &'static str {
    lang.pick("CMND cũ", "old CMND")
}

/// Repeat pane: an earlier petition under another ID number, shown for its name and address or
/// subject.
pub fn other_id_number_label(lang: Lang) -> &'static str {
    lang.pick("CCCD khác", "another ID number")
}

/// Search: a petition shown because the person a better hit names filed it too (under another
/// ID, phone or address they gave).
pub fn same_person_label(lang: Lang) -> &'static str {
    lang.pick("cùng công dân", "same citizen")
}

/// Said when the desk key cannot be read or made: the desk works on without the blind index.
pub fn desk_key_unusable(lang: Lang) -> &'static str {
    lang.pick(
        "Không dùng được khóa bàn tiếp dân, chưa tìm được đơn tố cáo theo người tố cáo",
        "The desk key cannot be used; denunciations cannot be found by their denouncer yet",
    )
}

/// Said when a search query was longer than search reads (`words` words, `bytes` bytes): the
/// rest was left out.
/// An imported petition stored under a new code (`line`: the logbook's row; none for a merge).
pub fn recoded_note(lang: Lang, line: Option<u64>, theirs: &str, ours: &str) -> String {
    let at = line.map_or(String::new(), |l| match lang {
        Lang::Vi => format!("dòng {l}: "),
        Lang::En => format!("line {l}: "),
    });
    match lang {
        Lang::Vi => {
            format!("{at}mã {theirs} đã có ở đây cho đơn khác: đơn nhập vào mang mã {ours}")
        }
        Lang::En => {
            format!(
                "{at}code {theirs} is taken here by another petition: the incoming one is {ours}"
            )
        }
    }
}

/// How many more re-coded petitions the terminal does not list.
pub fn more_recoded(lang: Lang, more: usize) -> String {
    match lang {
        Lang::Vi => format!("… và {more} đơn đổi mã nữa (--json liệt kê tất cả)"),
        Lang::En => format!("… and {more} more re-coded (--json lists them all)"),
    }
}

/// A logbook row over the size a row may hold (`import`), refused before it is read.
pub fn row_too_big(lang: Lang, mb: u64, max_mb: u64) -> String {
    match lang {
        Lang::Vi => format!(
            "dòng này dài {mb} MB, quá giới hạn {max_mb} MB của một dòng: tệp không phải sổ tiếp công dân, hoặc có ô bị dán nhầm; hãy sửa tệp rồi nhập lại"
        ),
        Lang::En => format!(
            "this row is {mb} MB, over the {max_mb} MB a row may hold: the file is not a logbook, or a cell was pasted by mistake; fix the file and import again"
        ),
    }
}

/// A workbook part over its limit (`import`), refused before it is read. `at` names where.
pub fn workbook_too_big(lang: Lang, at: &WorkbookPart, mb: u64, max: u64) -> String {
    let max_mb = max.div_ceil(1 << 20);
    match (lang, at) {
        (Lang::Vi, WorkbookPart::Cell { sheet, row }) => format!(
            "trang “{sheet}”, dòng {row}: một ô dài hơn {max_mb} MB; một ô của sổ không cần dài thế — có thể đã dán nhầm; hãy sửa bảng tính rồi nhập lại"
        ),
        (Lang::En, WorkbookPart::Cell { sheet, row }) => format!(
            "sheet “{sheet}”, row {row}: a cell holds more than {max_mb} MB; no logbook cell needs that much — perhaps something was pasted by mistake; fix the workbook and import again"
        ),
        (Lang::Vi, WorkbookPart::SharedText) => format!(
            "bảng tính có một ô dài hơn {max_mb} MB (trong bảng chữ dùng chung của tệp); hãy sửa bảng tính rồi nhập lại"
        ),
        (Lang::En, WorkbookPart::SharedText) => format!(
            "the workbook has a cell of more than {max_mb} MB (in its shared text table); fix the workbook and import again"
        ),
        (Lang::Vi, WorkbookPart::Whole(part)) => format!(
            "phần “{part}” của bảng tính dài {mb} MB khi giải nén, quá giới hạn {max_mb} MB; hãy chia sổ thành nhiều tệp hoặc lưu dạng CSV"
        ),
        (Lang::En, WorkbookPart::Whole(part)) => format!(
            "the workbook's part “{part}” is {mb} MB unpacked, over the {max_mb} MB limit; split the logbook into several files or save it as CSV"
        ),
    }
}

/// Where a workbook is too large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookPart {
    /// A cell of a sheet (its row as the spreadsheet shows it).
    Cell { sheet: String, row: u64 },
    /// A cell in the shared strings table (no sheet or row known without reading it all).
    SharedText,
    /// A part that would be read whole (the shared strings table, an `.ods` sheet, an `.xls` file).
    Whole(String),
}

/// The last row of a reject file cut at its cap (`import --skip-bad`).
pub fn rejects_left_out(lang: Lang, written: usize, left_out: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "… và {left_out} dòng lỗi nữa không ghi vào đây (tệp này chỉ giữ {written} dòng đầu): sửa các lỗi chung (cột, --mapping, trang) rồi nhập lại"
        ),
        Lang::En => format!(
            "… and {left_out} more bad row(s) not written here (this file keeps the first {written}): fix what they share (columns, --mapping, sheet) and import again"
        ),
    }
}

/// Below the bad rows listed on the terminal: how many more there are, and where to see them.
pub fn more_bad_rows(lang: Lang, more: usize) -> String {
    match lang {
        Lang::Vi => {
            format!("… và {more} dòng lỗi nữa (--skip-bad ghi tất cả vào tệp .rejects.csv)")
        }
        Lang::En => {
            format!(
                "… and {more} more bad row(s) (--skip-bad writes them all to a .rejects.csv file)"
            )
        }
    }
}

/// An import stopped by its bad rows.
pub fn nothing_imported(lang: Lang, bad: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "Chưa nhập gì: {bad} dòng lỗi. Sửa các dòng trên rồi nhập lại, hoặc dùng --skip-bad để nhập các dòng đúng."
        ),
        Lang::En => format!(
            "Nothing imported: {bad} bad row(s). Fix them and import again, or use --skip-bad to import the good rows."
        ),
    }
}

/// Where `import --skip-bad` put the bad rows.
pub fn bad_rows_written(lang: Lang, bad: usize, path: &str) -> String {
    match lang {
        Lang::Vi => format!("{bad} dòng lỗi đã ghi vào {path}"),
        Lang::En => format!("{bad} bad row(s) written to {path}"),
    }
}

pub fn query_cut_notice(lang: Lang, words: usize, bytes: usize) -> String {
    match lang {
        Lang::Vi => format!("Từ khóa quá dài: chỉ tìm theo {words} từ / {bytes} byte đầu."),
        Lang::En => {
            format!("Query too long: only its first {words} words / {bytes} bytes are searched.")
        }
    }
}

fn problem_message(problem: &Problem, lang: Lang) -> String {
    let s = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match problem {
        Problem::Required => s("không được để trống", "is required"),
        Problem::NotOneOf { choices } => match lang {
            Lang::Vi => format!("không hợp lệ; chọn một trong: {}", choices.join(", ")),
            Lang::En => format!("is not valid; choose one of: {}", choices.join(", ")),
        },
        Problem::TooLong { max } => match lang {
            Lang::Vi => format!("dài quá {max} ký tự"),
            Lang::En => format!("is longer than {max} characters"),
        },
        Problem::IdNumberDigits => s(
            "phải là CCCD 12 chữ số hoặc CMND 9 chữ số",
            "must be a 12-digit CCCD or a 9-digit CMND",
        ),
        Problem::IdNumberProvince { code } => match lang {
            Lang::Vi => format!("mã tỉnh {code} trong CCCD không tồn tại (hợp lệ: 001–096)"),
            Lang::En => format!("province code {code} in the CCCD does not exist (valid: 001–096)"),
        },
        Problem::PhoneInvalid => s(
            "không phải số điện thoại Việt Nam (ví dụ 0912 345 678 hoặc +84 912 345 678)",
            "is not a Vietnamese phone number (e.g. 0912 345 678 or +84 912 345 678)",
        ),
        Problem::DateInvalid => s(
            "không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
            "is not a valid date (dd/mm/yyyy or yyyy-mm-dd)",
        ),
        Problem::DateInFuture => s("không được sau ngày hôm nay", "cannot be after today"),
        Problem::DateAfterReceipt => s(
            "không được sau ngày nhận đơn",
            "cannot be after the petition was received",
        ),
        Problem::AlreadyScheduled => s(
            "đã có trong lịch tiếp công dân ngày này",
            "already on the reception schedule for that day",
        ),
        Problem::ComplaintOnly => s(
            "chỉ áp dụng cho đơn khiếu nại (thời hạn khiếu nại, Luật Khiếu nại 2011, Điều 9 và 33)",
            "applies to complaints only (the time limit to complain, Law on Complaints 2011, Art. 9 and 33)",
        ),
        Problem::DateBeforeReceipt => s(
            "không được trước ngày nhận đơn",
            "cannot be before the petition was received",
        ),
        Problem::DateBeforePreviousStep => s(
            "không được trước bước xử lý trước đó",
            "cannot be before the previous step",
        ),
        Problem::HeadcountZero => s("phải có ít nhất 1 người", "must be at least 1"),
        Problem::HeadcountBelowListed { listed } => match lang {
            Lang::Vi => format!("ít hơn {listed} người đã ghi tên trong lượt tiếp này"),
            Lang::En => format!("is less than the {listed} people named on this visit"),
        },
        Problem::HeadcountTooMany { max } => match lang {
            Lang::Vi => format!("nhiều nhất {max} người một lượt tiếp"),
            Lang::En => format!("at most {max} people in one visit"),
        },
        Problem::NotWholeNumber => s(
            "phải là số nguyên, chỉ gồm chữ số (ví dụ 3)",
            "must be a whole number, digits only (e.g. 3)",
        ),
        Problem::RepresentativesTooMany { max } => match lang {
            Lang::Vi => format!("đoàn này cử tối đa {max} người đại diện"),
            Lang::En => format!("this group may name at most {max} representatives"),
        },
        Problem::BirthYear => s("năm sinh không hợp lệ", "is not a plausible birth year"),
        Problem::RepeatLoop => s(
            "không thể liên kết: đơn kia vốn là đơn lặp lại của đơn này",
            "cannot link: the other petition already repeats this one",
        ),
        Problem::ControlCharacters => s(
            "chứa ký tự điều khiển (mã thoát, xuống dòng)",
            "contains control characters (escape sequences, line breaks)",
        ),
        Problem::DateOutOfRange => s(
            "phải từ năm 1945 đến ngày mai",
            "must be between 1945 and tomorrow",
        ),
        Problem::RepeatOfItself => s(
            "không thể liên kết một đơn với chính nó",
            "cannot link a petition to itself",
        ),
        Problem::RepeatOfLater => s(
            "không thể liên kết: đơn kia nhận sau đơn này (chỉ liên kết với đơn nhận trước)",
            "cannot link: the other petition was received after this one (link to an earlier one)",
        ),
        Problem::Ambiguous => s(
            "chỉ ra nhiều người: dùng mã đơn hoặc số CCCD của đúng một người",
            "names several people: use a petition code or the CCCD of exactly one person",
        ),
        Problem::SamePerson => s("hai bên là cùng một người", "both name the same person"),
        Problem::NotOnePerson => s(
            "các đơn này thuộc nhiều người khác nhau: tách từng người một",
            "these petitions belong to different people: split one person at a time",
        ),
        Problem::NotOneFiler => s(
            "đơn này không có đúng một người gửi để đính chính (đơn nặc danh hoặc của đoàn)",
            "this petition has not exactly one filer to correct (anonymous, or a group's)",
        ),
        Problem::NothingChanged => s(
            "không có gì thay đổi: mỗi giá trị mới giống giá trị đang ghi",
            "nothing changes: every new value is the one on record",
        ),
        Problem::NothingLeft => s(
            "không thể tách hết mọi hồ sơ của một người",
            "cannot split off every record of a person",
        ),
    }
}

fn refusal_message(why: &Refusal, lang: Lang) -> String {
    let s = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match why {
        Refusal::NotFromStatus => s(
            "bước này không áp dụng ở trạng thái hiện tại",
            "this step does not apply in the current status",
        ),
        Refusal::NeverAccepted => s(
            "đơn chưa được thụ lý nên chưa thể giải quyết",
            "the petition was never accepted (thụ lý), so it cannot be resolved",
        ),
        Refusal::NotOurCompetence => s(
            "đơn không thuộc thẩm quyền: hãy chuyển đơn hoặc hướng dẫn",
            "not our competence: transfer or guide instead",
        ),
        Refusal::KindCannotExtend(kind) => match lang {
            Lang::Vi => format!(
                "pháp luật không quy định gia hạn cho đơn {}",
                kind.label(lang)
            ),
            Lang::En => format!("the law provides no extension for a {}", kind.label(lang)),
        },
        Refusal::ExtensionsUsed { max } => match lang {
            Lang::Vi => format!("đã dùng hết {max} lần gia hạn được phép"),
            Lang::En => format!("all {max} permitted extensions are used"),
        },
        Refusal::ExtensionNeedsComplexity => s(
            "chỉ vụ việc phức tạp hoặc đặc biệt phức tạp mới được gia hạn (Luật Tố cáo 2018, Điều 30): \
             ghi mức độ phức tạp khi gia hạn",
            "only a complex or very complex case may be extended (Law on Denunciation 2018, Art. 30): \
             state the complexity with the extension",
        ),
        Refusal::ExtensionTooLong { max_days } => match lang {
            Lang::Vi => {
                format!("mỗi lần gia hạn từ 1 đến {max_days} ngày (Luật Tố cáo 2018, Điều 30)")
            }
            Lang::En => format!(
                "each extension adds 1 to {max_days} days (Law on Denunciation 2018, Art. 30)"
            ),
        },
        Refusal::KindCannotSuspend(kind) => match lang {
            Lang::Vi => format!("không áp dụng tạm đình chỉ cho đơn {}", kind.label(lang)),
            Lang::En => format!("a {} cannot be suspended", kind.label(lang)),
        },
        Refusal::SuspensionNotInForce { kind, from } => match lang {
            Lang::Vi => format!(
                "đơn {} chỉ được tạm đình chỉ từ ngày {} theo quy định đang áp dụng \
                 (xem `tiepdan rules --list`)",
                kind.label(lang),
                from.format("%d/%m/%Y")
            ),
            Lang::En => format!(
                "a {} may be suspended only from {} under the rules in force \
                 (see `tiepdan rules --list`)",
                kind.label(lang),
                from.format("%d/%m/%Y")
            ),
        },
        Refusal::AnonymousDenunciation => s(
            "đơn tố cáo nặc danh không được thụ lý (Luật Tố cáo 2018, Điều 25)",
            "an anonymous denunciation cannot be accepted (Law on Denunciation 2018, Art. 25)",
        ),
        Refusal::InfoOnlyAnonymous => s(
            "chỉ đơn tố cáo nặc danh đang chờ xử lý mới được xử lý như thông tin (Luật Tố cáo 2018, Điều 25)",
            "only an anonymous denunciation awaiting handling is handled as information \
             (Law on Denunciation 2018, Art. 25)",
        ),
        Refusal::SeveralPlacesDenunciationOnly => s(
            "dấu hiệu \"xác minh nhiều địa điểm\" chỉ áp dụng cho đơn tố cáo chưa thụ lý (Luật Tố cáo 2018, Điều 24)",
            "\"checks at several places\" applies to a denunciation not yet accepted only \
             (Law on Denunciation 2018, Art. 24)",
        ),
        Refusal::NothingToNotify => s(
            "không có thông báo nào đang chờ gửi (thông báo thụ lý cho người tố cáo, quyết định tạm đình chỉ)",
            "no notice is waiting to be sent (acceptance notice to the denouncer, suspension decision)",
        ),
        Refusal::DecisionRequired => s(
            "cần số và ngày quyết định/kết luận",
            "the decision or conclusion number and date are required",
        ),
        Refusal::AgencyRequired => s(
            "cần ghi cơ quan nhận (chuyển đến/hướng dẫn đến đâu)",
            "the receiving agency is required",
        ),
        Refusal::AlreadyReceived => s("đơn đã được tiếp nhận", "already received"),
    }
}

fn busy_message(lang: Lang) -> String {
    lang.pick(
        "cơ sở dữ liệu đang bận, vui lòng thử lại",
        "the database is busy, please try again",
    )
    .to_string()
}

#[cfg(feature = "sqlite")]
fn db_message(err: &rusqlite::Error, lang: Lang) -> String {
    let s = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => busy_message(lang),
        Some(ErrorCode::DiskFull) => s(
            "ổ đĩa đầy: chưa lưu gì, hãy giải phóng dung lượng rồi thử lại",
            "the disk is full: nothing was saved; free some space and try again",
        ),
        Some(ErrorCode::ReadOnly) => s(
            "không ghi được: tệp cơ sở dữ liệu hoặc thư mục chứa nó chỉ cho phép đọc",
            "cannot write: the database file or its folder is read-only",
        ),
        Some(ErrorCode::SystemIoFailure) => s(
            "lỗi đọc/ghi ổ đĩa: chưa lưu gì; hãy kiểm tra ổ đĩa còn chỗ trống và không bị lỗi",
            "disk read/write error: nothing was saved; check that the disk has free space and works",
        ),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => s(
            "tệp không phải cơ sở dữ liệu tiepdan hoặc đã hỏng",
            "the file is not a tiepdan database or is corrupted",
        ),
        Some(ErrorCode::CannotOpen) => s(
            "không mở được tệp cơ sở dữ liệu (thư mục không tồn tại hoặc không có quyền)",
            "cannot open the database file (missing directory or no permission)",
        ),
        Some(ErrorCode::ConstraintViolation) => constraint_message(err, lang),
        // SQLite's own text names tables and columns: only its number is shown, for a report.
        _ => {
            let code = match err {
                rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
                _ => 0,
            };
            match lang {
                Lang::Vi => format!(
                    "lỗi cơ sở dữ liệu (mã {code}): chưa lưu gì; hãy chạy “tiepdan check” và báo cho người quản trị"
                ),
                Lang::En => format!(
                    "database error (code {code}): nothing was saved; run “tiepdan check” and tell the administrator"
                ),
            }
        }
    }
}

/// A rule of the database refused a write (the program's own checks let it through): which kind
/// of rule, in words, never SQLite's text ("UNIQUE constraint failed: event.id").
#[cfg(feature = "sqlite")]
fn constraint_message(err: &rusqlite::Error, lang: Lang) -> String {
    // SQLite's extended result codes (sqlite3.h, SQLITE_CONSTRAINT_*).
    const CHECK: i32 = 275;
    const FOREIGN_KEY: i32 = 787;
    const NOT_NULL: i32 = 1299;
    const PRIMARY_KEY: i32 = 1555;
    const UNIQUE: i32 = 2067;
    let extended = match err {
        rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
        _ => 0,
    };
    let s = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match extended {
        UNIQUE | PRIMARY_KEY => s(
            "trùng với một bản ghi đã lưu (cùng mã hoặc cùng định danh): chưa lưu gì",
            "the same as a record already stored (same code or id): nothing was saved",
        ),
        CHECK => s(
            "một giá trị nằm ngoài giới hạn cho phép: chưa lưu gì; hãy kiểm tra lại các ô đã nhập",
            "a value is outside its allowed range: nothing was saved; check what was entered",
        ),
        NOT_NULL => s(
            "thiếu một thông tin bắt buộc: chưa lưu gì",
            "a required value is missing: nothing was saved",
        ),
        FOREIGN_KEY => s(
            "dẫn tới một bản ghi không có trong cơ sở dữ liệu: chưa lưu gì",
            "it refers to a record that is not in the database: nothing was saved",
        ),
        _ => s(
            "cơ sở dữ liệu từ chối dữ liệu này: chưa lưu gì",
            "the database refuses this data: nothing was saved",
        ),
    }
}

/// The operating system's reason in the user's language (its own text is English only).
fn io_message(err: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as Kind;
    let s = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match err.kind() {
        Kind::NotFound => s(
            "không tồn tại (kiểm tra lại tên tệp và thư mục)",
            "does not exist (check the file and folder names)",
        ),
        Kind::PermissionDenied => s("không có quyền truy cập", "permission denied"),
        Kind::AlreadyExists => s(
            "đã có tệp này, không ghi đè",
            "already exists; not overwritten",
        ),
        Kind::StorageFull => s(
            "ổ đĩa đầy: hãy giải phóng dung lượng rồi thử lại",
            "the disk is full: free some space and try again",
        ),
        Kind::ReadOnlyFilesystem => s("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
        Kind::IsADirectory => s("là một thư mục, không phải tệp", "is a folder, not a file"),
        Kind::Unsupported => s(
            "không phải tệp thông thường (thiết bị hoặc ống dẫn): hãy chỉ một tệp cơ sở dữ liệu",
            "is not a regular file (a device or a pipe): name a database file",
        ),
        _ => match lang {
            Lang::Vi => format!("lỗi đọc/ghi tệp ({err})"),
            Lang::En => format!("file error ({err})"),
        },
    }
}

/// The person model's sentences: `citizen show/merge/split`, the linking rules, the review flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonText {
    IdNumbers,
    /// The citizen page's title.
    Page,
    /// Said when the selected petition is a denunciation (its filer is protected) or anonymous.
    NoCitizen,
    PetitionsFiled,
    RecordsMoved,
    RevealHint,
    Names,
    Phones,
    Addresses,
    BirthYears,
    KeptApartReview,
    ColCode,
    ColReceived,
    ColKind,
    ColStatus,
    ColNameGiven,
    ColSubject,
    RepeatChain,
    Transferred,
    StoredApart,
    LinkSameId,
    LinkPhoneAndName,
    LinkCmndCccd,
    LinkMerged,
    SameIdOtherName,
    IdentityNotKept,
}

/// The help screen's groups of keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyGroup {
    General,
    Lists,
    Editing,
    Visit,
    Petition,
    Board,
}

pub fn key_group_label(group: KeyGroup, lang: Lang) -> &'static str {
    let (vi, en) = match group {
        KeyGroup::General => ("Chung", "General"),
        KeyGroup::Lists => ("Danh sách", "Lists"),
        KeyGroup::Editing => ("Nhập liệu", "Editing"),
        KeyGroup::Visit => ("Tiếp công dân mới", "New visit"),
        KeyGroup::Petition => ("Hồ sơ đơn", "Petition"),
        KeyGroup::Board => ("Hạn xử lý, thanh tra", "Deadlines, inspection"),
    };
    lang.pick(vi, en)
}

/// What the error for an unknown person names.
pub const CITIZEN_WHAT: &str = "công dân / citizen";

pub fn person_text(text: PersonText, lang: Lang) -> &'static str {
    let (vi, en) = match text {
        PersonText::RecordsMoved => (
            "hồ sơ đã chuyển; đã ghi nhật ký kiểm toán.",
            "record(s) moved; written to the audit log.",
        ),
        PersonText::RevealHint => (
            "— dùng --reveal để xem (ghi nhật ký kiểm toán)",
            "— use --reveal to see it (written to the audit log)",
        ),
        PersonText::IdNumbers => ("CCCD/CMND:", "ID numbers:"),
        PersonText::Page => ("Hồ sơ công dân", "Citizen"),
        PersonText::NoCitizen => (
            "Đơn này không có hồ sơ công dân để xem (đơn ẩn danh hoặc tố cáo: danh tính được bảo mật).",
            "This petition has no citizen page to show (anonymous, or a denunciation: identity protected).",
        ),
        PersonText::PetitionsFiled => {
            ("đơn đã gửi, cũ nhất trước", "petitions filed, oldest first")
        }
        PersonText::Names => ("Họ tên:", "Names:"),
        PersonText::Phones => ("Điện thoại:", "Phones:"),
        PersonText::Addresses => ("Địa chỉ:", "Addresses:"),
        PersonText::BirthYears => ("Năm sinh:", "Birth years:"),
        PersonText::KeptApartReview => (
            "lưu riêng, cần cán bộ xem xét (tiepdan citizen merge/split)",
            "kept apart, for an officer to review (tiepdan citizen merge/split)",
        ),
        PersonText::ColCode => ("Mã đơn", "Code"),
        PersonText::ColReceived => ("Ngày nhận", "Received"),
        PersonText::ColKind => ("Loại", "Kind"),
        PersonText::ColStatus => ("Trạng thái", "Status"),
        PersonText::ColNameGiven => ("Họ tên ghi trên đơn", "Name as given"),
        PersonText::ColSubject => ("Nội dung", "Subject"),
        PersonText::RepeatChain => ("Chuỗi lặp lại:", "Repeat chain:"),
        PersonText::Transferred => ("Chuyển đơn:", "Transferred:"),
        PersonText::StoredApart => (
            "đã lưu như người riêng, cần xem xét (tiepdan citizen show)",
            "stored as a separate person, for review (tiepdan citizen show)",
        ),
        PersonText::LinkSameId => ("cùng số CCCD/CMND", "same CCCD/CMND"),
        PersonText::LinkPhoneAndName => ("cùng số điện thoại và họ tên", "same phone and name"),
        PersonText::LinkCmndCccd => (
            "CMND cũ và CCCD mới, cùng họ tên",
            "old CMND and new CCCD, same name",
        ),
        PersonText::LinkMerged => ("cán bộ gộp", "merged by an officer"),
        PersonText::SameIdOtherName => ("cùng số CCCD, khác họ tên", "same CCCD, different name"),
        PersonText::IdentityNotKept => (
            "Đơn lưu trước khi giữ nguyên danh tính ghi trên đơn, không khôi phục được họ tên/CCCD/SĐT/địa chỉ đã ghi (đang hiện theo hồ sơ đơn trước; nhập lại tệp nguồn để khôi phục):",
            "Petitions stored before identities were kept as given; the name/ID/phone/address written on them cannot be recovered (they show an earlier petition's record; re-import their source file to restore):",
        ),
    };
    lang.pick(vi, en)
}

fn province_message(problem: &Province, lang: Lang) -> String {
    let s = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match problem {
        Province::NoDatabase => s(
            "chưa chỉ cơ sở dữ liệu tỉnh: dùng --pg URL hoặc biến môi trường TIEPDAN_PG",
            "no province database given: use --pg URL or the TIEPDAN_PG environment variable",
        ),
        Province::DatabaseUnreachable { at } => match lang {
            Lang::Vi => format!(
                "không kết nối được PostgreSQL tại {at}: kiểm tra máy chủ cơ sở dữ liệu đang chạy, địa chỉ và mật khẩu"
            ),
            Lang::En => format!(
                "cannot connect to PostgreSQL at {at}: check that the database server runs, the address and the password"
            ),
        },
        Province::DatabaseFailed { code } => match lang {
            Lang::Vi => format!(
                "cơ sở dữ liệu tỉnh báo lỗi (mã {code}): chưa ghi gì, hãy thử lại hoặc báo quản trị"
            ),
            Lang::En => format!(
                "the province database reported an error (code {code}): nothing was written; try again or tell the administrator"
            ),
        },
        Province::NotMigrated => s(
            "cơ sở dữ liệu tỉnh chưa được khởi tạo: chạy “tiepdan-server migrate” trước",
            "the province database is not set up: run “tiepdan-server migrate” first",
        ),
        Province::BadDeskName => s(
            "tên bàn tiếp phải có 1–80 ký tự, không có ký tự điều khiển",
            "a desk name must have 1–80 characters and no control characters",
        ),
        Province::DeskExists { name } => match lang {
            Lang::Vi => format!("đã có bàn tiếp “{name}”"),
            Lang::En => format!("a desk named “{name}” already exists"),
        },
        Province::NoSuchDesk { name } => match lang {
            Lang::Vi => format!("không có bàn tiếp “{name}”"),
            Lang::En => format!("no desk named “{name}”"),
        },
        Province::PlainHttpOffLoopback { addr } => match lang {
            Lang::Vi => format!(
                "{addr} không phải địa chỉ nội bộ: chỉ được chạy HTTP không mã hóa trên 127.0.0.1 hoặc ::1; hãy thêm --tls-cert và --tls-key"
            ),
            Lang::En => format!(
                "{addr} is not a loopback address: plain HTTP is served on 127.0.0.1 or ::1 only; add --tls-cert and --tls-key"
            ),
        },
        Province::TlsHalf => s(
            "cần cả --tls-cert và --tls-key",
            "give both --tls-cert and --tls-key",
        ),
        Province::TlsFiles { path } => match lang {
            Lang::Vi => format!("{path}: không đọc được chứng chỉ hoặc khóa TLS (cần tệp PEM)"),
            Lang::En => {
                format!("{path}: cannot read the TLS certificate or key (PEM files expected)")
            }
        },
        Province::CannotListen { addr } => match lang {
            Lang::Vi => format!(
                "không mở được cổng {addr} (địa chỉ sai, cổng đang được dùng hoặc không có quyền)"
            ),
            Lang::En => {
                format!("cannot listen on {addr} (bad address, port in use or no permission)")
            }
        },
        Province::NoServer => s(
            "chưa có địa chỉ máy chủ tỉnh: dùng --server URL hoặc [sync] server trong config.toml",
            "no province server given: use --server URL or [sync] server in config.toml",
        ),
        Province::NoToken => s(
            "chưa có mã truy cập: dùng --token hoặc [sync] token trong config.toml (quản trị tỉnh cấp bằng “tiepdan-server desk add”)",
            "no access token: use --token or [sync] token in config.toml (the province administrator issues one with “tiepdan-server desk add”)",
        ),
        Province::Unreachable { server } => match lang {
            Lang::Vi => format!(
                "không kết nối được máy chủ tỉnh {server}: kiểm tra mạng và địa chỉ; hồ sơ của bàn không thay đổi, đồng bộ lại sau"
            ),
            Lang::En => format!(
                "cannot reach the province server {server}: check the network and the address; the desk's records are unchanged, sync again later"
            ),
        },
        Province::TlsFailed { server } => match lang {
            Lang::Vi => format!(
                "không thiết lập được kết nối an toàn (TLS) với {server}: chứng chỉ của máy chủ không được tin cậy hoặc sai tên"
            ),
            Lang::En => format!(
                "cannot set up a secure (TLS) connection with {server}: the server's certificate is not trusted or names another host"
            ),
        },
        Province::WrongToken => s(
            "máy chủ tỉnh từ chối mã truy cập (sai hoặc đã bị thu hồi)",
            "the province server refused the access token (wrong or revoked)",
        ),
        Province::ReadOnlyToken => s(
            "mã truy cập này chỉ được đọc (thanh tra): không gửi được hồ sơ lên tỉnh; dùng “sync --replica” để lấy bản sao",
            "this access token is read-only (inspector): it cannot send records; use “sync --replica” for a copy",
        ),
        Province::ReplicaNeedsReadOnly => s(
            "bản sao thanh tra (--replica) cần mã truy cập chỉ đọc",
            "an inspector's replica (--replica) needs a read-only access token",
        ),
        Province::ReplicaNotEmpty => s(
            "tệp này đã có hồ sơ của bàn tiếp: bản sao thanh tra cần một tệp cơ sở dữ liệu riêng (--db)",
            "this file holds a desk's own records: an inspector's replica needs a database file of its own (--db)",
        ),
        Province::IsReplica => s(
            "tệp này là bản sao thanh tra: chỉ đồng bộ được bằng “sync --replica”",
            "this file is an inspector's replica: it syncs only with “sync --replica”",
        ),
        Province::VersionSkew { desk, server } => match lang {
            Lang::Vi => format!(
                "phiên bản không khớp: bàn tiếp {desk}, máy chủ tỉnh {server}; hãy cập nhật bên cũ hơn"
            ),
            Lang::En => format!(
                "version mismatch: desk {desk}, province server {server}; update the older one"
            ),
        },
        Province::RecordRefused { code, why } => match lang {
            Lang::Vi => format!("máy chủ tỉnh từ chối đơn {code}: {why}"),
            Lang::En => format!("the province server refused petition {code}: {why}"),
        },
        Province::ServerFailed { status } => match lang {
            Lang::Vi => format!(
                "máy chủ tỉnh trả lời lỗi (HTTP {status}): chưa nhận gì từ lần này, hãy đồng bộ lại sau"
            ),
            Lang::En => format!(
                "the province server answered with an error (HTTP {status}): nothing from this attempt was applied; sync again later"
            ),
        },
    }
}

/// The province tier's sentences that are not errors: the server's commands and the desk's sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceText {
    TokenOnce,
    DeskRevoked,
    ColDesk,
    ColAccess,
    ColAdded,
    ColState,
    ReadWrite,
    ReadOnly,
    Active,
    Revoked,
    NoDesks,
    Listening,
    SchemaAt,
    Petitions,
    Desks,
    Records,
    Events,
    Pushed,
    Pulled,
    ReplicaCopied,
    LastSync,
    NeverSynced,
    BatchUnreadable,
    FiledAt,
}

pub fn province_text(text: ProvinceText, lang: Lang) -> &'static str {
    let (vi, en) = match text {
        ProvinceText::TokenOnce => (
            "Mã truy cập của bàn (chỉ hiện một lần — hãy lưu lại; máy chủ chỉ giữ bản băm):",
            "The desk's access token (shown once — keep it; the server keeps only a hash):",
        ),
        ProvinceText::DeskRevoked => (
            "Đã thu hồi mã truy cập của bàn:",
            "Access token revoked for desk:",
        ),
        ProvinceText::ColDesk => ("Bàn tiếp", "Desk"),
        ProvinceText::ColAccess => ("Quyền", "Access"),
        ProvinceText::ColAdded => ("Ngày thêm", "Added"),
        ProvinceText::ColState => ("Trạng thái", "State"),
        ProvinceText::ReadWrite => ("gửi và nhận", "read-write"),
        ProvinceText::ReadOnly => ("chỉ đọc", "read-only"),
        ProvinceText::Active => ("đang dùng", "active"),
        ProvinceText::Revoked => ("đã thu hồi", "revoked"),
        ProvinceText::NoDesks => ("Chưa có bàn tiếp nào.", "No desks yet."),
        ProvinceText::Listening => ("Máy chủ tỉnh đang nghe tại", "Province server listening on"),
        ProvinceText::SchemaAt => (
            "Lược đồ cơ sở dữ liệu tỉnh: phiên bản",
            "Province database schema: version",
        ),
        ProvinceText::Petitions => ("Đơn", "Petitions"),
        ProvinceText::Desks => ("Bàn tiếp", "Desks"),
        ProvinceText::Records => ("Bản ghi", "Records"),
        ProvinceText::Events => ("Bước xử lý", "Events"),
        ProvinceText::Pushed => (
            "Đã gửi lên tỉnh (đơn):",
            "Sent to the province (petitions):",
        ),
        ProvinceText::Pulled => (
            "Đã nhận từ tỉnh (đơn của bàn khác):",
            "Received from the province (other desks' petitions):",
        ),
        ProvinceText::ReplicaCopied => (
            "Bản sao thanh tra: đơn đã chép",
            "Inspector's replica: petitions copied",
        ),
        ProvinceText::LastSync => ("Đồng bộ tỉnh lần cuối:", "Last province sync:"),
        ProvinceText::NeverSynced => ("chưa đồng bộ", "never synced"),
        ProvinceText::FiledAt => ("Nộp tại", "Filed at"),
        ProvinceText::BatchUnreadable => (
            "không đọc được lô hồ sơ gửi lên",
            "the batch of records cannot be read",
        ),
    };
    lang.pick(vi, en)
}

pub fn error_message(err: &Error, lang: Lang) -> String {
    match err {
        Error::Province(problem) => province_message(problem, lang),
        Error::Invalid { field, problem } => {
            format!("{}: {}", field.label(lang), problem_message(problem, lang))
        }
        Error::UnknownValue {
            what,
            value,
            allowed,
        } => match lang {
            Lang::Vi => format!("giá trị “{value}” không hợp lệ cho {what} (chọn: {allowed})"),
            Lang::En => format!("“{value}” is not a valid {what} (choose: {allowed})"),
        },
        Error::IllegalStep { status, step, why } => match lang {
            Lang::Vi => format!(
                "không thể “{}” khi đơn {}: {}",
                step.label(lang),
                status.label(lang),
                refusal_message(why, lang)
            ),
            Lang::En => format!(
                "cannot “{}” a petition that is {}: {}",
                step.label(lang),
                status.label(lang),
                refusal_message(why, lang)
            ),
        },
        Error::NotFound { what, key } => match lang {
            Lang::Vi => format!("không tìm thấy {what} “{key}”"),
            Lang::En => format!("{what} “{key}” not found"),
        },
        Error::NoDatabase { path } => {
            let path = crate::text::for_terminal(path);
            match lang {
                Lang::Vi => format!(
                    "không có cơ sở dữ liệu ở {path}; tạo mới bằng `tiepdan demo` (dữ liệu mẫu), \
                     `tiepdan visit add …` hoặc `tiepdan import …` (cùng --db), hoặc mở `tiepdan`"
                ),
                Lang::En => format!(
                    "no database at {path}; create one with `tiepdan demo` (demo data), \
                     `tiepdan visit add …` or `tiepdan import …` (same --db), or open `tiepdan`"
                ),
            }
        }
        Error::DemoNeedsEmpty { petitions } => match lang {
            Lang::Vi => format!(
                "cơ sở dữ liệu này đã có {petitions} đơn: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống \
                 (chọn tệp mới bằng --db); không thay đổi gì"
            ),
            Lang::En => format!(
                "this database already holds {petitions} petitions: demo data goes only into an empty \
                 database (name a new file with --db); nothing was changed"
            ),
        },
        Error::ReceiptOfVoided { code } => match lang {
            Lang::Vi => {
                format!("đơn {code} đã hủy (nhập nhầm): không lập giấy biên nhận cho đơn đã hủy")
            }
            Lang::En => {
                format!("petition {code} was voided (entered by mistake): no receipt for it")
            }
        },
        Error::ReadOnly => lang
            .pick(
                "đang mở ở chế độ chỉ đọc (thanh tra): không thể ghi",
                "opened read-only (inspector): nothing can be written",
            )
            .to_string(),
        Error::Forbidden { role, deed } => match (deed, lang) {
            (Deed::Write, Lang::Vi) => format!(
                "vai trò {} chỉ đọc: không được ghi hay sửa dữ liệu",
                role.label(lang)
            ),
            (Deed::Write, Lang::En) => format!(
                "the {} role is read-only: nothing can be written",
                role.label(lang)
            ),
            (Deed::RevealIdentity, Lang::Vi) => format!(
                "vai trò {} không được xem danh tính người tố cáo",
                role.label(lang)
            ),
            (Deed::RevealIdentity, Lang::En) => format!(
                "the {} role may not see a denouncer's identity",
                role.label(lang)
            ),
            (Deed::Backup, Lang::Vi) => format!(
                "vai trò {} không được sao lưu cơ sở dữ liệu (bản sao mang toàn bộ hồ sơ); hãy đề nghị cán bộ tiếp dân hoặc quản trị",
                role.label(lang)
            ),
            (Deed::Backup, Lang::En) => format!(
                "the {} role may not back up the database (a copy carries every record); ask the desk or its admin",
                role.label(lang)
            ),
            (Deed::ManageKey, Lang::Vi) => format!(
                "vai trò {} không được tạo, đổi hay xuất khoá bàn tiếp dân",
                role.label(lang)
            ),
            (Deed::ManageKey, Lang::En) => format!(
                "the {} role may not make, rotate or export the desk key",
                role.label(lang)
            ),
        },
        Error::DatabaseTooNew { found, supported } => match lang {
            Lang::Vi => format!(
                "cơ sở dữ liệu thuộc phiên bản mới hơn (lược đồ {found}, chương trình hỗ trợ đến {supported}): hãy cập nhật tiepdan"
            ),
            Lang::En => format!(
                "the database comes from a newer version (schema {found}, this program supports up to {supported}): update tiepdan"
            ),
        },
        Error::Busy => busy_message(lang),
        Error::Io { path, source } => format!("{path}: {}", io_message(source, lang)),
        Error::OutputRefused { path, why } => {
            let path = crate::text::for_terminal(path);
            let why = match why {
                OutputRefusal::InUse => lang.pick(
                    "đây là tệp cơ sở dữ liệu (hoặc tệp đi kèm của nó) hay tệp đang dùng — chọn tên tệp khác",
                    "this is the database (or one of its companion files) or a file in use — choose another file name",
                ),
                OutputRefusal::Exists => lang.pick(
                    "đã có tệp này, không ghi đè (thêm --force nếu muốn thay tệp cũ)",
                    "already exists; not overwritten (add --force to replace it)",
                ),
                OutputRefusal::Folder => lang.pick(
                    "là một thư mục, không phải tệp — hãy ghi cả tên tệp",
                    "is a folder, not a file — give a file name too",
                ),
            };
            match lang {
                Lang::Vi => format!("không ghi {path}: {why}"),
                Lang::En => format!("not written {path}: {why}"),
            }
        }
        Error::Config { file, message } => match lang {
            Lang::Vi => format!("tệp cấu hình {file}: {message}"),
            Lang::En => format!("configuration file {file}: {message}"),
        },
        Error::BadFile { path, message } => format!("{path}: {message}"),
        Error::Passphrase(problem) => passphrase_message(problem, lang),
        Error::Import { line, message } => match lang {
            Lang::Vi => format!("dòng {line}: {message}"),
            Lang::En => format!("line {line}: {message}"),
        },
        #[cfg(feature = "sqlite")]
        Error::Db(e) => db_message(e, lang),
    }
}

/// After `petition edit`: the correction is recorded.
pub fn correction_done(code: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã đính chính đơn {code} (ghi vào lịch sử và nhật ký kiểm toán):"),
        Lang::En => format!("Corrected petition {code} (kept in its history and the audit log):"),
    }
}

/// After `petition void`: the petition is kept but leaves the lists.
pub fn void_done(code: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã hủy đơn {code} (nhập nhầm): đơn vẫn được lưu và xem được, nhưng không còn trong \
             danh sách, số liệu và báo cáo; đã ghi nhật ký kiểm toán."
        ),
        Lang::En => format!(
            "Voided petition {code} (entered by mistake): kept and shown, but out of lists, counts \
             and reports; written to the audit log."
        ),
    }
}

/// One corrected field, "nội dung vụ việc: cũ → mới", with labels and dates as people read them.
pub fn correction_line(change: &crate::domain::Correction, lang: Lang) -> String {
    use crate::domain::{Field, InputField, PetitionKind};
    let shown = |value: &str| -> String {
        match change.field {
            InputField::Field => Field::parse(value).map_or(value.into(), |f| f.label(lang).into()),
            InputField::Kind => {
                PetitionKind::parse(value).map_or(value.into(), |k| k.label(lang).into())
            }
            InputField::ReceivedOn => value
                .parse::<chrono::NaiveDate>()
                .map_or(value.into(), |d| d.format("%d/%m/%Y").to_string()),
            _ => crate::text::for_terminal(value).into_owned(),
        }
    };
    // A denouncer's identity is never recorded in a correction: only which field changed.
    if change.old.is_empty() && change.new.is_empty() {
        return format!("{}: {}", change.field.label(lang), protected_label(lang));
    }
    format!(
        "{}: {} → {}",
        change.field.label(lang),
        shown(&change.old),
        shown(&change.new)
    )
}

#[cfg(all(test, feature = "sqlite"))]
mod db_message_tests {
    use super::*;

    fn failure(extended: i32, text: &str) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(extended), Some(text.to_string()))
    }

    #[test]
    fn no_sqlite_text_reaches_a_user() {
        for (extended, text, words) in [
            (2067, "UNIQUE constraint failed: event.id", "already stored"),
            (
                1555,
                "UNIQUE constraint failed: petition.id",
                "already stored",
            ),
            (
                275,
                "CHECK constraint failed: headcount >= 1",
                "allowed range",
            ),
            (
                1299,
                "NOT NULL constraint failed: petition.code",
                "required value",
            ),
            (787, "FOREIGN KEY constraint failed", "not in the database"),
            (1811, "boom", "refuses this data"),
            (1, "no such table: petition", "database error (code 1)"),
            (266, "disk I/O error", "disk read/write error"),
        ] {
            for lang in [Lang::Vi, Lang::En] {
                let said = db_message(&failure(extended, text), lang);
                for raw in ["constraint", "SQLITE", "sqlite3_", "UNIQUE", "CHECK", text] {
                    assert!(!said.contains(raw), "{extended}: {said}");
                }
                if lang == Lang::En {
                    assert!(said.contains(words), "{extended}: {said}");
                }
            }
        }
    }
}

/// Help lines of the terminal's correction keys (`keys::Action`), Vietnamese and English.
pub mod action_help {
    pub const CORRECT: (&str, &str) = (
        "Đính chính đơn (ghi cũ → mới, ai, vì sao)",
        "Correct the petition (old → new, who, why)",
    );
    pub const VOID: (&str, &str) = (
        "Hủy đơn nhập nhầm (vẫn lưu, ra khỏi danh sách)",
        "Void a petition entered by mistake (kept, out of lists)",
    );
    pub const CLEAR_FIELD: (&str, &str) = ("Xóa trắng ô đang nhập", "Clear the field");
    pub const CLEAR_FILTERS: (&str, &str) = (
        "Bỏ mọi bộ lọc của bảng hạn (cả Backspace)",
        "Clear every board filter (Backspace too)",
    );
    pub const RECEIPT: (&str, &str) = (
        "Giấy biên nhận đơn / phiếu hẹn (PDF) để trao cho công dân",
        "The receipt to hand the citizen (PDF)",
    );
    pub const CITIZEN_PAGE: (&str, &str) = (
        "Hồ sơ công dân của đơn đang chọn: mọi họ tên, giấy tờ, điện thoại, địa chỉ, mọi đơn",
        "The selected petition's citizen: every name, ID, phone, address and petition",
    );
}

/// `Ctrl-T`'s question: record this visit on petition `code` (now `status`), no new petition.
pub fn attach_question(code: &str, status: crate::domain::Status, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Ghi lượt tiếp này vào đơn {code} ({}) — không tạo đơn mới?",
            status.label(lang)
        ),
        Lang::En => format!(
            "Record this visit on petition {code} ({}) — no new petition?",
            status.label(lang)
        ),
    }
}

/// Said under [`attach_question`] when the target is closed.
pub fn attach_closed_warning(status: crate::domain::Status, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "⚠ Đơn này đã đóng ({}): nếu công dân mang việc mới, hãy lưu thành đơn mới.",
            status.label(lang)
        ),
        Lang::En => format!(
            "⚠ This petition is closed ({}): if the citizen brings something new, save a new one.",
            status.label(lang)
        ),
    }
}

/// The keys that answer [`attach_question`].
pub fn attach_answer(yes: &str, no: &str, code: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{yes}: ghi vào đơn {code}    {no}: quay lại biểu mẫu"),
        Lang::En => format!("{yes}: record on {code}    {no}: back to the form"),
    }
}

/// The form's question when a denunciation's subject or summary names its own filer (Luật Tố
/// cáo 2018, Điều 47(1)(b)).
pub fn denouncer_named_question(lang: Lang) -> &'static str {
    lang.pick(
        "Nội dung/tóm tắt đơn tố cáo có ghi họ tên, số giấy tờ hoặc số điện thoại của chính người \
         tố cáo. Thay bằng \"[người tố cáo]\" trước khi lưu?",
        "The denunciation's subject/summary names its own denouncer (name, ID or phone). Replace \
         it by \"[người tố cáo]\" before saving?",
    )
}

/// The answers to [`denouncer_named_question`], with the keys that give them.
pub fn denouncer_named_answer(replace: &str, keep: &str, back: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("{replace}: thay rồi lưu    {keep}: lưu nguyên văn    {back}: quay lại")
        }
        Lang::En => format!("{replace}: replace and save    {keep}: save as typed    {back}: back"),
    }
}

/// The petition screen's prompt for why a denouncer's identity is revealed (kept in the audit
/// log: Luật Tố cáo 2018, Điều 47).
pub fn reveal_reason_prompt(lang: Lang) -> &'static str {
    lang.pick(
        "Lý do xem danh tính người tố cáo (ghi vào nhật ký)",
        "Why the denouncer's identity is revealed (written to the audit log)",
    )
}

/// The answers under [`reveal_reason_prompt`].
pub fn reveal_reason_answer(yes: &str, no: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{yes}: xem danh tính    {no}: thôi"),
        Lang::En => format!("{yes}: reveal    {no}: cancel"),
    }
}

/// What a denunciation's history shows for a sealed note or corrected text that this reader may
/// not (or cannot) open.
pub fn sealed_value_label(lang: Lang) -> &'static str {
    lang.pick("(bảo mật)", "(sealed)")
}

/// What is wrong with the desk key's passphrase, for the officer.
fn passphrase_message(problem: &crate::error::PassphraseProblem, lang: Lang) -> String {
    use crate::error::PassphraseProblem as P;
    match problem {
        P::Needed => lang
            .pick(
                "khoá bàn tiếp dân được khoá bằng mật khẩu: hãy nhập mật khẩu (hoặc đặt biến môi trường TIEPDAN_PASSPHRASE)",
                "the desk key is locked by a passphrase: type it (or set TIEPDAN_PASSPHRASE)",
            )
            .to_string(),
        P::Wrong => lang
            .pick(
                "mật khẩu không mở được khoá bàn tiếp dân",
                "the passphrase does not open the desk key",
            )
            .to_string(),
        P::TooShort { min } => match lang {
            Lang::Vi => format!("mật khẩu quá ngắn: cần ít nhất {min} ký tự"),
            Lang::En => format!("the passphrase is too short: at least {min} characters"),
        },
        P::Mismatch => lang
            .pick(
                "hai lần nhập mật khẩu không giống nhau",
                "the two passphrases typed differ",
            )
            .to_string(),
    }
}

/// The prompts for the desk key's passphrase on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphrasePrompt {
    /// At start, to unlock the key.
    Unlock,
    /// `key init --passphrase`: the new passphrase.
    New,
    /// The new passphrase again.
    Again,
}

pub fn passphrase_prompt(prompt: PassphrasePrompt, lang: Lang) -> &'static str {
    match prompt {
        PassphrasePrompt::Unlock => {
            lang.pick("Mật khẩu khoá bàn tiếp dân: ", "Desk key passphrase: ")
        }
        PassphrasePrompt::New => lang.pick(
            "Mật khẩu mới cho khoá bàn tiếp dân: ",
            "New desk key passphrase: ",
        ),
        PassphrasePrompt::Again => lang.pick("Nhập lại mật khẩu: ", "Type it again: "),
    }
}

/// The receipt handed to the citizen (giấy biên nhận đơn / phiếu hẹn): its title and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptText {
    Title,
    Subtitle,
    Code,
    Received,
    Filer,
    Address,
    Kind,
    Field,
    Subject,
    NextDeadline,
    NoDeadline,
    ReceivedBy,
    Officer,
    Printed,
    KeepIt,
    /// On a denunciation's receipt: the identity is kept secret (Luật Tố cáo 2018, Điều 47).
    Secret,
    FilerSigns,
    OfficerSigns,
    SignHint,
    /// Where no agency is configured (`agency` in config.toml).
    NoAgency,
    /// The audit log's reason when a denunciation's receipt names its denouncer.
    AuditReason,
}

pub fn receipt_text(text: ReceiptText, lang: Lang) -> &'static str {
    let (vi, en) = match text {
        ReceiptText::Title => ("GIẤY BIÊN NHẬN ĐƠN", "RECEIPT FOR A PETITION"),
        ReceiptText::Subtitle => ("(kiêm phiếu hẹn)", "(and appointment slip)"),
        ReceiptText::Code => ("Mã đơn", "Code"),
        ReceiptText::Received => ("Ngày nhận", "Received"),
        ReceiptText::Filer => ("Người gửi", "Filed by"),
        ReceiptText::Address => ("Địa chỉ", "Address"),
        ReceiptText::Kind => ("Loại đơn", "Kind"),
        ReceiptText::Field => ("Lĩnh vực", "Field"),
        ReceiptText::Subject => ("Nội dung", "Subject"),
        ReceiptText::NextDeadline => ("Hạn tiếp theo", "Next deadline"),
        ReceiptText::NoDeadline => ("— (đơn đã đóng)", "— (closed)"),
        ReceiptText::ReceivedBy => ("Cán bộ tiếp nhận", "Received by"),
        ReceiptText::Officer => ("Cán bộ thụ lý", "Officer in charge"),
        ReceiptText::Printed => ("Ngày in", "Printed"),
        ReceiptText::KeepIt => (
            "Công dân giữ giấy này; khi hỏi về đơn xin nêu mã đơn.",
            "Keep this receipt and quote the code when asking about the petition.",
        ),
        ReceiptText::Secret => (
            "Danh tính người tố cáo được giữ bí mật (Luật Tố cáo 2018, Điều 47).",
            "The denouncer's identity is kept secret (Luật Tố cáo 2018, Điều 47).",
        ),
        ReceiptText::FilerSigns => ("NGƯỜI NỘP ĐƠN", "FILED BY"),
        ReceiptText::OfficerSigns => ("CÁN BỘ TIẾP NHẬN", "RECEIVED BY"),
        ReceiptText::SignHint => ("(ký, ghi rõ họ tên)", "(signature, full name)"),
        ReceiptText::NoAgency => ("CƠ QUAN TIẾP NHẬN", "RECEIVING AGENCY"),
        ReceiptText::AuditReason => ("in giấy biên nhận", "receipt printed"),
    };
    lang.pick(vi, en)
}

/// The receipt's next deadline: "Xử lý đơn: trước 16/12/2026 (10 ngày LV; Thông tư …)".
pub fn receipt_deadline(which: &str, due_on: &str, days: u32, unit: &str, basis: &str) -> String {
    format!("{which}: {due_on} ({days} {unit}; {basis})")
}

/// The place-and-date line of an official paper: "ngày 02 tháng 12 năm 2026".
pub fn paper_date(on: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Vi => format!(
            "ngày {:02} tháng {:02} năm {}",
            on.day(),
            on.month(),
            on.year()
        ),
        Lang::En => on.format("%d %B %Y").to_string(),
    }
}

/// After the TUI or `petition receipt --output` wrote the receipt.
pub fn receipt_written(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("✓ Đã lưu giấy biên nhận: {path}"),
        Lang::En => format!("✓ Receipt saved: {path}"),
    }
}

/// `Ctrl-L`'s question: save the new petition as a repeat of `code` (now `status`).
pub fn link_question(code: &str, status: crate::domain::Status, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đánh dấu đơn mới là đơn lặp lại của đơn {code} ({})?",
            status.label(lang)
        ),
        Lang::En => format!(
            "Mark the new petition as a repeat of {code} ({})?",
            status.label(lang)
        ),
    }
}

/// The keys that answer [`link_question`].
pub fn link_answer(yes: &str, no: &str, code: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{yes}: lặp lại đơn {code}    {no}: quay lại biểu mẫu"),
        Lang::En => format!("{yes}: repeat of {code}    {no}: back to the form"),
    }
}

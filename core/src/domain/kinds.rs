//! The vocabulary of the reception desk (see shared/domain.md), one labelled enum per concept.

use crate::labelled_enum;

labelled_enum! {
    /// Loại đơn: what the citizen brings.
    PetitionKind {
        Complaint = "complaint", "khiếu nại", "complaint";
        Denunciation = "denunciation", "tố cáo", "denunciation";
        Recommendation = "recommendation", "kiến nghị", "recommendation";
        Report = "report", "phản ánh", "report";
    }
}

labelled_enum! {
    /// Lần khiếu nại: only complaints have rounds.
    Round {
        First = "first", "lần đầu", "first round";
        Second = "second", "lần hai", "second round";
    }
}

labelled_enum! {
    /// Lĩnh vực.
    Field {
        Land = "land", "đất đai", "land";
        Clearance = "clearance", "giải phóng mặt bằng", "site clearance";
        Planning = "planning", "quy hoạch", "planning";
        Construction = "construction", "trật tự xây dựng", "construction order";
        Environment = "environment", "môi trường", "environment";
        Policy = "policy", "chế độ chính sách", "social policy";
        Ethnic = "ethnic", "dân tộc", "ethnic affairs";
        Religion = "religion", "tôn giáo", "religion";
        Justice = "justice", "tư pháp", "justice";
        Corruption = "corruption", "tham nhũng", "corruption";
        Other = "other", "khác", "other";
    }
}

labelled_enum! {
    /// Nguồn đơn: how the petition reached us.
    Source {
        Desk = "desk", "tại bàn tiếp", "at the desk";
        Post = "post", "qua bưu điện", "by post";
        Agency = "agency", "cơ quan khác chuyển đến", "transferred from an agency";
        Press = "press", "báo chí chuyển đến", "from the press";
        Higher = "higher", "cấp trên chuyển đến", "from a higher level";
    }
}

labelled_enum! {
    /// Tính chất vụ việc: drives the longer legal periods and the extensions.
    Complexity {
        Normal = "normal", "thông thường", "normal";
        Complex = "complex", "phức tạp", "complex";
        VeryComplex = "very_complex", "đặc biệt phức tạp", "very complex";
    }
}

labelled_enum! {
    /// Hình thức tiếp.
    VisitKind {
        Regular = "regular", "thường xuyên", "regular";
        Periodic = "periodic", "định kỳ", "periodic";
        Adhoc = "adhoc", "đột xuất", "ad hoc";
    }
}

labelled_enum! {
    Channel {
        InPerson = "in_person", "trực tiếp", "in person";
        Online = "online", "trực tuyến", "online";
    }
}

labelled_enum! {
    /// Thẩm quyền.
    Competence {
        Ours = "ours", "thuộc thẩm quyền", "within our competence";
        NotOurs = "not_ours", "không thuộc thẩm quyền", "not our competence";
    }
}

labelled_enum! {
    /// Hướng xử lý recorded on a visit (the logbook's column).
    Handling {
        Accept = "accept", "thụ lý", "accept for resolution";
        Guide = "guide", "hướng dẫn", "guide to the competent agency";
        Transfer = "transfer", "chuyển đơn", "transfer";
        Return = "return", "trả lại đơn", "return";
        File = "file", "lưu đơn", "file without action";
        Pending = "pending", "chưa xử lý", "pending";
    }
}

labelled_enum! {
    /// Trạng thái đơn — always derived from the event history (see `lifecycle`).
    Status {
        Received = "received", "đã tiếp nhận", "received";
        Classified = "classified", "đã phân loại", "classified";
        Accepted = "accepted", "đã thụ lý", "accepted";
        Verifying = "verifying", "đang xác minh", "verifying";
        Suspended = "suspended", "tạm đình chỉ", "suspended";
        Transferred = "transferred", "đã chuyển đơn", "transferred";
        Guided = "guided", "đã hướng dẫn", "guided";
        Returned = "returned", "đã trả lại", "returned";
        Filed = "filed", "đã lưu đơn", "filed";
        InfoHandled = "info_handled", "đã xử lý như thông tin", "handled as information";
        Resolved = "resolved", "đã giải quyết", "resolved";
        Withdrawn = "withdrawn", "đã rút đơn", "withdrawn";
        Voided = "voided", "đã hủy (nhập nhầm)", "voided (entered by mistake)";
    }
}

impl Status {
    /// Closed petitions have no further deadline at this desk.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Transferred
                | Status::Guided
                | Status::Returned
                | Status::Filed
                | Status::InfoHandled
                | Status::Resolved
                | Status::Withdrawn
                | Status::Voided
        )
    }
}

labelled_enum! {
    /// One step in a petition's life; each event row has one.
    EventKind {
        Received = "received", "tiếp nhận", "received";
        Classified = "classified", "phân loại", "classified";
        Accepted = "accepted", "thụ lý", "accepted";
        Verifying = "verifying", "xác minh", "verification started";
        Extended = "extended", "gia hạn", "extended";
        Suspended = "suspended", "tạm đình chỉ", "suspended";
        Resumed = "resumed", "tiếp tục giải quyết", "resumed";
        Transferred = "transferred", "chuyển đơn", "transferred";
        Guided = "guided", "hướng dẫn", "guided";
        Returned = "returned", "trả lại đơn", "returned";
        Filed = "filed", "lưu đơn", "filed";
        InfoHandled = "info_handled", "xử lý thông tin", "handle as information";
        Resolved = "resolved", "giải quyết", "resolved";
        Withdrawn = "withdrawn", "rút đơn", "withdrawn";
        Notified = "notified", "thông báo", "notified";
        Marked = "marked", "đánh dấu", "marked";
        Assigned = "assigned", "giao cán bộ", "assigned";
        Note = "note", "ghi chú", "note";
        Corrected = "corrected", "đính chính", "corrected";
        Voided = "voided", "hủy (nhập nhầm)", "voided (entered by mistake)";
    }
}

impl EventKind {
    /// A correction of the record rather than a step in the case: `corrected`, `voided`.
    pub fn is_correction(self) -> bool {
        matches!(self, EventKind::Corrected | EventKind::Voided)
    }

    /// The markers a desk may set or clear by hand (`marked` steps); "nặc danh" follows from the
    /// filers and is never set by hand.
    /// "Quá thời hạn khiếu nại" follows from the dates given at intake and is never set by hand
    /// either.
    pub const MARKABLE: [Flag; 6] = [
        Flag::Group,
        Flag::Prolonged,
        Flag::LevelSkipping,
        Flag::CrimeSigns,
        Flag::Final,
        Flag::SeveralPlaces,
    ];

    /// A step on the record of the case rather than in its legal course — a marker set or
    /// cleared, an officer assigned — with a command of its own (`petition mark`, `assign`).
    pub fn is_bookkeeping(self) -> bool {
        matches!(self, EventKind::Marked | EventKind::Assigned)
    }

    /// Whether this step is the intake decision that finds a petition đủ điều kiện xử lý
    /// (`Some(true)`: thụ lý, chuyển đơn or hướng dẫn — it is dealt with, here or by the
    /// competent agency) or không đủ điều kiện (`Some(false)`: trả lại or lưu đơn — anonymous,
    /// unsigned, unclear, a duplicate, or already finally resolved). Other steps decide nothing.
    /// The lifecycle allows only one of these per petition: each leaves the open intake.
    pub fn eligibility(self) -> Option<bool> {
        match self {
            EventKind::Accepted | EventKind::Transferred | EventKind::Guided => Some(true),
            EventKind::Returned | EventKind::Filed | EventKind::InfoHandled => Some(false),
            _ => None,
        }
    }
}

labelled_enum! {
    /// What a decision found of a complaint or a denunciation (kết luận): published with the
    /// result (công khai kết quả).
    Finding {
        Right = "right", "đúng", "well-founded";
        Wrong = "wrong", "sai", "unfounded";
        Partly = "partly", "đúng một phần", "partly well-founded";
    }
}

labelled_enum! {
    /// Dấu hiệu the plans want listed and watched.
    Flag {
        Group = "group", "đông người", "group";
        Prolonged = "prolonged", "kéo dài", "prolonged";
        LevelSkipping = "level_skipping", "vượt cấp", "level-skipping";
        CrimeSigns = "crime_signs", "có dấu hiệu tội phạm", "signs of a crime";
        Final = "final", "đã giải quyết hết thẩm quyền", "finally resolved";
        Anonymous = "anonymous", "nặc danh", "anonymous";
        LateFiling = "late_filing", "quá thời hạn khiếu nại", "filed after the time limit";
        SeveralPlaces = "several_places", "xác minh nhiều địa điểm", "checks at several places";
    }
}

labelled_enum! {
    Role {
        Operator = "operator", "cán bộ tiếp dân", "operator";
        Inspector = "inspector", "thanh tra", "inspector";
        Admin = "admin", "quản trị", "administrator";
    }
}

/// A set of [`Flag`]s, stored as a bit mask so filters are one indexed integer test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u32);

impl Flags {
    fn bit(flag: Flag) -> u32 {
        1 << Flag::ALL
            .iter()
            .position(|f| *f == flag)
            .expect("flag is in ALL")
    }
    pub fn contains(self, flag: Flag) -> bool {
        self.0 & Self::bit(flag) != 0
    }
    pub fn insert(&mut self, flag: Flag) {
        self.0 |= Self::bit(flag);
    }
    pub fn remove(&mut self, flag: Flag) {
        self.0 &= !Self::bit(flag);
    }
    pub fn with(mut self, flag: Flag) -> Self {
        self.insert(flag);
        self
    }
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.iter().copied().filter(move |f| self.contains(*f))
    }
}

impl serde::Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for Flags {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<Flag>::deserialize(d)?;
        Ok(list.into_iter().fold(Flags::default(), Flags::with))
    }
}

impl Role {
    /// Inspectors (thanh tra) review; they never change a record.
    pub fn may_write(self) -> bool {
        self != Role::Inspector
    }

    /// Who may see a denouncer's identity on the petition's own screen (Luật Tố cáo 2018, Điều 47:
    /// only those handling the matter): the desk and its head, never a reviewing inspector.
    pub fn may_reveal_identity(self) -> bool {
        matches!(self, Role::Operator | Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn parses_codes_and_labels_with_or_without_diacritics() {
        assert_eq!(
            PetitionKind::parse("khiếu nại"),
            Some(PetitionKind::Complaint)
        );
        assert_eq!(
            PetitionKind::parse("Khieu nai"),
            Some(PetitionKind::Complaint)
        );
        assert_eq!(
            PetitionKind::parse("TO CAO"),
            Some(PetitionKind::Denunciation)
        );
        assert_eq!(PetitionKind::parse("report"), Some(PetitionKind::Report));
        assert_eq!(Field::parse("dat dai"), Some(Field::Land));
        assert_eq!(
            Complexity::parse("very complex"),
            Some(Complexity::VeryComplex)
        );
        assert_eq!(
            Complexity::parse("đặc biệt phức tạp"),
            Some(Complexity::VeryComplex)
        );
        assert_eq!(PetitionKind::parse("đơn thư"), None);
    }

    #[test]
    fn parses_the_hyphenated_forms_the_cli_help_shows() {
        for (typed, kind) in [
            ("khieu-nai", PetitionKind::Complaint),
            ("to-cao", PetitionKind::Denunciation),
            ("kien-nghi", PetitionKind::Recommendation),
            ("phan-anh", PetitionKind::Report),
            ("Kiến-nghị", PetitionKind::Recommendation),
        ] {
            assert_eq!(PetitionKind::parse(typed), Some(kind), "{typed}");
        }
        assert_eq!(
            Complexity::parse("dac-biet-phuc-tap"),
            Some(Complexity::VeryComplex)
        );
    }

    #[test]
    fn labels_are_nfc_vietnamese() {
        for kind in PetitionKind::ALL {
            let vi = kind.label(Lang::Vi);
            assert_eq!(vi, crate::text::nfc(vi));
        }
    }

    #[test]
    fn flags_round_trip() {
        let flags = Flags::default().with(Flag::Group).with(Flag::Final);
        assert!(flags.contains(Flag::Group) && flags.contains(Flag::Final));
        assert!(!flags.contains(Flag::Prolonged));
        let json = serde_json::to_string(&flags).unwrap();
        assert_eq!(json, r#"["group","final"]"#);
        assert_eq!(serde_json::from_str::<Flags>(&json).unwrap(), flags);
    }
}

labelled_enum! {
    /// The input fields a validation error can point at (forms highlight them; the CLI names them).
    InputField {
        Name = "name", "họ tên", "name";
        IdNumber = "id_number", "CCCD/CMND", "ID number (CCCD/CMND)";
        Phone = "phone", "số điện thoại", "phone";
        Address = "address", "địa chỉ", "address";
        BirthYear = "birth_year", "năm sinh", "birth year";
        ReceivedOn = "received_on", "ngày nhận đơn", "received date";
        VisitedAt = "visited_at", "ngày tiếp", "visit date";
        Headcount = "headcount", "số người", "headcount";
        Representatives = "representatives", "người đại diện", "representatives";
        Subject = "subject", "nội dung vụ việc", "subject";
        Summary = "summary", "tóm tắt", "summary";
        Kind = "kind", "loại đơn", "petition kind";
        Round = "round", "lần khiếu nại", "complaint round";
        Field = "field", "lĩnh vực", "field";
        Source = "source", "nguồn đơn", "source";
        VisitKind = "visit_kind", "hình thức tiếp", "visit kind";
        Complexity = "complexity", "tính chất vụ việc", "complexity";
        Handling = "handling", "hướng xử lý", "handling";
        Unit = "unit", "đơn vị", "unit";
        Agency = "agency", "cơ quan", "agency";
        Decision = "decision", "số quyết định", "decision number";
        StepDate = "step_date", "ngày xử lý", "step date";
        Officer = "officer", "cán bộ", "officer";
        Code = "code", "mã đơn", "petition code";
        Citizen = "citizen", "công dân", "citizen";
        Reason = "reason", "lý do", "reason";
        Flag = "flag", "dấu hiệu", "marker";
        KnownOn = "known_on", "ngày biết quyết định", "date the decision became known";
        Leader = "leader", "lãnh đạo", "leader";
    }
}

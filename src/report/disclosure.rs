//! Công khai kết quả: the petitions resolved in a period, for publication. Only what describes the
//! decision goes out — code, kind, field, decision number and date, what the decision found (đúng,
//! sai, đúng một phần), timeliness — never a filer's
//! name, address, ID number or phone, and no free text (subject, summary, notes), which officers
//! write with names in it. Denouncers are therefore covered as the law requires, and other filers
//! too (the default: no filer's personal data unless configured; no such setting yet).

use super::{
    Period,
    render::{Print, Table},
    results,
};
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;

pub fn disclosure(store: &Store, period: &Period, lang: Lang) -> Result<Table> {
    let policy = store.policy();
    let mut resolutions = Vec::new();
    store.each_history_open_during(period.from, period.to, |history| {
        resolutions.extend(results::resolution_in(policy, &history, period));
        Ok(())
    })?;
    resolutions
        .sort_by(|a, b| (a.resolved_on, &a.petition.code).cmp(&(b.resolved_on, &b.petition.code)));
    let t = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let columns = match lang {
        Lang::Vi => crate::i18n::DISCLOSURE_COLUMNS_VI,
        Lang::En => crate::i18n::DISCLOSURE_COLUMNS_EN,
    };
    let headers = columns.iter().map(|c| c.to_string()).collect();
    let rows = resolutions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = &r.petition;
            let timeliness = if r.on_time() {
                t("đúng hạn", "on time")
            } else {
                t("quá hạn", "late")
            };
            vec![
                (i + 1).to_string(),
                p.code.clone(),
                p.kind.label(lang).to_string(),
                p.field.label(lang).to_string(),
                p.state.decision_no.clone().unwrap_or_default(),
                r.resolved_on.format("%d/%m/%Y").to_string(),
                p.state
                    .finding
                    .map(|f| f.label(lang).to_string())
                    .unwrap_or_default(),
                format!("{} ({timeliness})", p.status().label(lang)),
            ]
        })
        .collect();
    Ok(Table {
        title: format!(
            "{} {} ({})",
            t("Công khai kết quả giải quyết đơn", "Published results"),
            period.label,
            super::period_text(period)
        ),
        headers,
        rows,
        figures: None,
        print: Print {
            widths: vec![6, 14, 16, 22, 20, 14, 16, 26],
            numbers: vec![0],
            dates: vec![5],
            ..Print::default()
        },
    })
}

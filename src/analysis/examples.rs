//! Building blocks for the `explain` examples of the legal rules: a small KS-like repository
//! (an association, a member municipality, the company, a service, a tenant and five years of
//! activity), written once as literal macros so each example varies one thing.

/// KS (an association) and two member municipalities, Oslo and Bergen (with one member, KS
/// would be controlled by it alone).
macro_rules! ks_and_oslo {
    () => {
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks}\nspec: {type: association, contracting_authority: true}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: oslo}\nspec: {type: municipality, member_of: [ks]}\n---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: bergen}\nspec: {type: municipality, member_of: [ks]}\n---\n"
    };
}

/// The company's header (owners, governance and articles follow).
macro_rules! company {
    () => {
        "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {id: ks-digital}\nspec:\n  type: company\n  contracting_authority: true\n  established: 2015-01-01\n"
    };
}

/// KS owns the company alone.
macro_rules! owned_by_ks {
    () => {
        "  owners: [{entity: ks, share: 100}]\n"
    };
}

/// General meeting of owners, a members' council mandated by KS's members, an operational board.
macro_rules! council {
    () => {
        "  governance:\n    - {id: general-meeting, type: general-meeting, composition: owners, decides: [articles, board]}\n    - {id: members-council, type: council, decides: [strategy, significant-decisions], seats: [{mandated_by: [\"members-of:ks\"], count: 9}]}\n    - {id: board, type: board, decides: [operations]}\n"
    };
}

/// Non-commercial articles without profit distribution or private owners.
macro_rules! articles {
    () => {
        "  articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}\n---\n"
    };
}

/// The service `svarut`, provided by the company, and Oslo's in-house subscription from 2024-03-01.
macro_rules! service_and_tenant {
    () => {
        "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut}\nspec: {provider: ks-digital, criticality: low, lifecycle: {stage: active}}\n---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: oslo}\nspec:\n  entity: oslo\n  subscriptions: [{service: svarut, since: 2024-03-01, basis: in-house, assessment: \"Egenregivurdering 2024-02\"}]\n---\n"
    };
}

/// One year of activity: members of KS (qualifying) and the open market (not).
macro_rules! year {
    ($year:literal, $members:literal, $market:literal) => {
        concat!(
            "apiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {id: ks-digital-",
            $year,
            "}\nspec:\n  provider: ks-digital\n  year: ",
            $year,
            "\n  basis: actual\n  measure: turnover\n  currency: NOK\n  lines:\n    - {group: \"members-of:ks\", amount: ",
            $members,
            "}\n    - {other: open-market, amount: ",
            $market,
            "}\n---\n"
        )
    };
}

/// Five years at 90 %: every window passes with a margin.
macro_rules! five_good_years {
    () => {
        concat!(
            year!("2021", "900", "100"),
            year!("2022", "900", "100"),
            year!("2023", "900", "100"),
            year!("2024", "900", "100"),
            year!("2025", "900", "100")
        )
    };
}

/// Everything but the activity: KS and its members, the company as KS owns and governs it,
/// and Oslo's in-house subscription.
macro_rules! structure {
    () => {
        concat!(
            ks_and_oslo!(),
            company!(),
            owned_by_ks!(),
            council!(),
            articles!(),
            service_and_tenant!()
        )
    };
}

/// The whole clean repository: passes every legal rule except the structural warning
/// `inhouse/control-via-association` (control rests on seats mandated by KS's members).
macro_rules! clean {
    () => {
        concat!(structure!(), five_good_years!())
    };
}

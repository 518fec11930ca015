# The reviewer's report in English. Every message here has a twin in nb.ftl (a test checks it).
# Amounts, shares and dates arrive formatted for the language; names arrive ready to show.

page-title = In-house report, as of { $date }
title = In-house (utvidet egenregi) report
extract-for = Extract for { $buyer }
header-as-of = As of
header-as-of-date = as of { $date }
header-result-label = Result
header-result = { $errors ->
    [0] no errors
    [one] 1 error
   *[other] { $errors } errors
  }, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
  }, { $notes ->
    [one] 1 note
   *[other] { $notes } notes
  }; { $waived } waived
header-input = Input
header-files = { $files ->
    [one] 1 file
   *[other] { $files } files
  }, { $documents ->
    [one] 1 document
   *[other] { $documents } documents
  }
header-digest = Input digest
header-digest-how = (SHA-256 over every input file, sorted by path: path, NUL, length, text)
header-tool = Tool
header-citations = Each citation says how far it is checked: "section checked" means the section (§) or article number is checked, while the paragraph (ledd) and letter are the likely structure and not checked against the official text; "case checked", a judgment's number and name.
header-disclaimer = Each verdict is a flag for legal review, not legal advice. The buyer that awards without a tender carries the burden of showing that every condition holds.

summary-title = Summary
summary-legend = Verdict per legal condition, the worst over every subscription and date judged (the award and today). ✓ holds: met on the input read. ⚠ review: met only on a reading the law has not settled; a lawyer must sign it off. ? not assessed: the input it needs is missing or invalid. ✗ fails: not met.
summary-none = No subscriptions were judged in this run.
summary-provider = Provider { $provider }
summary-provider-counts = { $buyers ->
    [one] 1 buyer
   *[other] { $buyers } buyers
  }, { $subscriptions ->
    [one] 1 subscription
   *[other] { $subscriptions } subscriptions
  }; overall:

col-buyer = Buyer
col-basis = Basis
col-subscriptions = Subscriptions
col-overall = Overall
col-window = Window
col-judged = Judged before
col-qualifying = Qualifying
col-total = Total
col-share = Share
col-margin = Margin (points)
col-headroom = Headroom per year
col-verdict = Verdict
col-year = Year
col-year-basis = Figures
col-measure = Measure
col-report = Report
col-severity = Severity
col-rule = Rule
col-where = Where
col-finding = Finding
col-legal-basis = Legal basis
col-waiver = Waiver
col-rule-targets = Rule and targets
col-reason = Reason
col-approved-by = Approved by
col-expires = Expires
col-status = Status
col-waived = Findings waived
col-target = Target
col-condition = Condition
col-found = What was found
col-evidence = Evidence

verdict-holds = holds
verdict-review = review
verdict-not-assessed = not assessed
verdict-fails = fails

condition-buyer = Buyer is a contracting authority
condition-control = Control
condition-activity = Activity
condition-private-capital = Private capital
condition-contrary-interests = Contrary interests
condition-parties = Parties
condition-cooperation = Cooperation
condition-procurement = Procurement
condition-value = Value
condition-objectives = Objectives
condition-open-market = Open market
condition-in-house = In-house
condition-basis = Basis

basis-in-house = in-house
basis-tender = tender
basis-below-threshold = below threshold
basis-no-contract = no contract
basis-cooperation = cooperation

control-sole = sole control
control-indirect = indirect control
control-joint = joint control
control-reverse = reverse award
control-sister = sister award
control-none = no control
path-members-of = the members of { $group }
path-owners-in = owners in { $body }
path-seat = seat
path-sole-control-of = sole control of { $c }

activity-title = Activity test
activity-intro = More than 80 % of the provider's activity in the three financial years before each date judged must be for the authorities that control it. Each window is judged on its own; the chart shows every year once. Headroom per year: how much more activity for others the window could carry each year before it fails (5·Q − 4·T) / 4 / 3; negative when it already fails.
activity-none = No activity windows were computed in this run.
activity-provider = Provider { $provider }
activity-group = Controlling group (whose activity qualifies) before { $date }:
activity-window-share = window { $years }: { $share }
chart-title = Qualifying share of the activity of { $provider } per year, with each window
chart-threshold = more than { $threshold } % required
chart-legend-qualifying = activity for the controlling authorities
chart-no-data = no data
chart-incomplete = incomplete
chart-window = { $years }: { $share }, { $verdict } (before { $date })
year-actual = actual
year-projected = projected
year-missing = missing
year-invalid = invalid report
year-not-established = before the provider was established
year-currency = amounts in { $currency }
year-projection-set-aside = projection { $report } set aside: an actual report covers the year
year-unreadable = { $count ->
    [one] 1 amount unreadable or too large to add, left out of both sums
   *[other] { $count } amounts unreadable or too large to add, left out of both sums
  }
year-unclassified = { $count ->
    [one] 1 line not classified, in the total only
   *[other] { $count } lines not classified, in the total only
  }
measure-turnover = turnover
measure-costs = costs
purpose-award = award
purpose-as-of = today
headroom-left = +{ $amount }
headroom-over = −{ $amount } (too much)
headroom-none = 0

findings-title = Findings by legal condition
findings-group = { $group } ({ $count ->
    [0] no findings
    [one] 1 finding
   *[other] { $count } findings
  })
findings-checked = No findings from the { $rules } rules checked:
group-control = Control
group-activity = Activity
group-private-capital = Private capital
group-procurement = Procurement
group-infrastructure = Infrastructure
group-integrity = Integrity of the data
severity-error = error
severity-warning = warning
severity-note = note
help = help
see = see
see-findings = Findings:

verified-section = section checked
verified-case = case checked
verified-paragraph = paragraph checked
verified-letter = letter checked
verified-unknown = not stated how far checked

waivers-title = Waivers
waivers-none = The repository has no waivers.
waivers-intro = Each waiver accepts the findings of one rule on its targets until it expires. An expired waiver hides nothing: its findings are listed again.
waived-title = Findings accepted by a waiver
waiver-active = active
waiver-expired = expired
waiver-unused = unused
waiver-incomplete = incomplete

buyers-title = Per buyer
buyers-intro = One section per buyer, for its lawyer, control committee and auditor: its subscriptions grouped by basis and control path, each legal condition with its verdict, the figures and evidence relied on, the legal basis with how far each citation is verified, what was assumed and what was not checked.
buyer-group = { $basis } from { $provider }
buyer-subscriptions = { $count ->
    [one] Subscription:
   *[other] { $count } subscriptions:
  }
since = since { $date }
when-award = at the award, { $date }
when-now = today, { $date }
buyer-assumptions = Assumed, not checked against other sources
buyer-not-checked = Not checked
buyer-findings = Findings on this buyer's subscriptions
buyer-no-findings = No findings on this buyer's subscriptions.

entity-type-municipality = a municipality
entity-type-county = a county
entity-type-state-agency = a state agency
entity-type-association = an association
entity-type-company = a company
entity-type-foundation = a foundation
because-buyer-type = the buyer is { $type }, a contracting authority

# The texts of the analyses (findings' messages, help and labels; decisions' reasons, assumptions
# and what they do not check). The terminal, JSON and SARIF show these English texts word for word,
# with names in backticks; the report shows names as names.

list = { $items }
list-and = { $init } and { $last }
list-or = { $init } or { $last }
as-is = { $text }
invalid-document = { $document } is invalid
invalid-document-because = { $document } is invalid ({ $error })
duplicate-document = { $document } is defined twice, at { $first } and at { $second }, and which one is meant is not known
dangling-reference = { $at } names { $id }, which no document defines, so what it refers to is not known
contradictory-document = { $document } contradicts itself: { $error }, and which figure is true is not known
ownership-over = the holdings in { $entity } add up to { $total } % of its { $measure ->
    [votes] votes
   *[other] capital
  } on this date
explanation-but = { $first }; but { $why }
see-the-decision = see the decision
entity-kind = { $kind }
because-buyer-kind = { $kind }

nc-control-practice = how control is exercised in practice (minutes, instructions to the board)
nc-assessment = whether the written assessment named in `assessment` supports the award (only that one is named)
nc-accounts = that the activity reports agree with the audited accounts
nc-competition = whether the competition itself was lawful
nc-genuine-cooperation = whether the cooperation is genuine and governed solely by public-interest considerations (C-429/19 Remondis; C-383/21 and C-384/21)

## Amounts and activity windows
amount-not-decimal = { $amount } is not a plain decimal amount (digits, optionally `.` and at most two decimals)
amount-decimals = { $amount } has { $decimals } decimals; amounts have at most two (øre), and egenregi never rounds
amount-too-large = { $amount } is too large
amount-sum-too-large = { $amount } makes the sum of { $year } larger than egenregi can add exactly (at most { $most })
h-sum-too-large = check the amounts against the annual accounts: no company's activity comes near this
window-sum-too-large = the sum of { $year } is larger than egenregi can add exactly
window-total-too-large = the window's total is larger than egenregi can add exactly
f-window-too-large = adding { $year } makes the activity of { $provider } in the window before { $date } larger than egenregi can add exactly (at most { $most }); the window cannot be assessed
f-amount = amount { $why }
h-amount = write the amount in the report's currency with at most two decimals, e.g. `1250000.50`
window-not-established = { $provider } did not exist on { $date } (established { $established })
window-invalid-report = { $reason } and may cover a year of this window
window-two-reports = two reports claim { $year }: { $first } and { $second }
f-window-two-reports = { $why } for { $provider }; no window that includes { $year } can be assessed
h-window-two-reports = keep one report per year (the other is at { $other })
f-projection-closed-year = { $year } of { $provider } is covered by a projection, although { $year } was closed on { $as_of } and { $provider } has three or more closed years and no reorganisation in the window
h-projection-closed-year = projections stand in only for a new company, the running year before a planned award, or after a reorganisation (`reorganisations`); report the closed year's actual figures
window-projection-inadmissible = { $year } rests on a projection that is not admissible
f-actual-open-year = { $report } reports actual figures for { $year }, but { $year } was not closed on the evaluation date { $as_of }
h-actual-open-year = figures for a year not yet closed are a projection: give it `basis: projected` with `projection.approved_by`, `projection.prepared` and evidence, or check on a date after { $year } has closed (`--as-of`)
window-actual-open-year = { $report } reports actual figures for { $year }, which was not closed on the evaluation date
window-projection-unsupported = { $year } rests on a projection that does not name its approver, its date and its evidence, as a projection must to show the measurement credible (art. 12(5) second subparagraph)
window-indirect-joint = the activity for { $who } qualifies only because the controlling authorities control it indirectly and jointly, through a legal person they control together; art. 12(3) does not spell that out (unsettled: ask for a legal opinion)
window-fewer-years = the window rests on { $count ->
    [one] one year
   *[other] { $count } years
  } of activity ({ $years }): the law then asks that the measurement be shown credible, particularly by business projections (art. 12(5) second subparagraph)
f-group-report-missing = { $provider } controls { $sub }, but no ActivityReport of { $sub } covers { $year }: the group's turnover is measured (C-692/23)
h-group-report-missing = add { $sub }'s report for { $year }, or give { $provider }'s report `scope: consolidated` with the group's figures
window-group-incomplete = the group's turnover for { $year } is incomplete: no report of { $sub }
window-amount = an amount of { $report } cannot be read exactly
f-line-not-existing = line { $line } of { $report } names { $who } as buying in { $year }, but { $who } { $when }
existed-from = was established on { $date }
existed-until = was dissolved on { $date }
h-line-not-existing = report the activity under the authority that bought it then (a dissolved authority's activity is judged as its successors' by egenregi)
line-not-existing = a line of { $report } names { $who }, which did not exist in { $year }
f-line-dissolved = line { $line } of { $report } cannot be classified: { $why }
f-successors-split = { $who } was dissolved and its activity is judged as its successors', which are split: { $outside } outside the controlling group, the others in it
f-successors-none = { $who } was dissolved, and its activity is judged as its successors', but it names none (`successors`)
h-line-dissolved = split the line by the successor that took over each task, or name { $who }'s successors under `successors`
line-dissolved = a line of { $report } for dissolved { $who } cannot be classified by its successors
f-years-missing = no ActivityReport covers { $years } for { $provider } (needed for the window before { $date })
h-years-missing = add an ActivityReport with `provider: { $provider }` for { $count ->
    [one] year
   *[other] each of the years
  } { $years } (basis actual, or projected for a new company)
window-years-missing = no report covers { $years }
f-mixed-measures = the window before { $date } mixes measures ({ $measures }); one measure per window
h-mixed-measures = report every year of the window in the same measure (turnover, or costs)
window-mixed-measures = the window mixes measures ({ $measures })
f-mixed-currencies = the window before { $date } mixes currencies ({ $currencies }); its amounts cannot be added
h-mixed-currencies = report every year of the window in one currency ({ $usual }), converted as in the annual accounts
window-mixed-currencies = the window mixes currencies ({ $currencies })
window-no-activity = no measurable activity in the window (total 0)
f-no-activity = the activity window of { $provider } before { $date } has no measurable activity: a share of nothing proves nothing
h-no-activity = report the activity of each year; grants are not turnover (use `measure: costs` when the activity is grant-funded)
what-window = the activity window of { $provider } before { $date }
what-line = line { $line } of { $report }
what-lumped-line = the lumped line { $line } of { $report }
what-subscription = { $buyer }'s in-house subscription to { $service }
what-subscriptions = each in-house subscription of { $tenant }
line-group-unknown = whether { $who } is in the controlling group is not known: { $reason }
line-group-unknown-in = the lines for { $who } cannot be classified, as whether { $who } is in the controlling group is not known: { $reason }
line-entrusted-unknown = who entrusted a line of { $report } is unknown: { $reason }
line-undefined = a line of { $report } names { $who }, which is not defined
members-unknown-why = { $reason }, so who is a member of { $association } is not known
members-unknown = the members of { $association } are not known: { $reason }
names-more = { $names }{ $more ->
    [0] {""}
   *[other] {" "}and more
  }
f-lumped-line = the lumped line { $line } of { $report } cannot be classified: { $names } { $count ->
    [one] is one of the
   *[other] are
  } members of { $association } but not in the controlling group
h-lumped-line = split the line: one line per customer, or a lumped line for the members that control the provider and separate lines for { $names }
line-lumped-mixed = the lumped line { $line } of { $report } mixes members inside and outside the controlling group
f-not-assessed = { $what } is not assessed: { $why }
h-not-assessed = fix { $document } first; the analyses never judge what they could not read
unread-file = { $path } could not be read ({ $rule }), and { $what } in it may be one this depends on
unread-doc-named = the document { $document }
unread-doc-kind = the { $kind } document
unread-doc-unknown = a document
f-unread = decisions are not assessed: { $why }
h-unread = fix { $path } so that it can be read; no decision holds on a file nobody could read
l-invalid-here = { $document } is invalid here: { $error }
l-duplicate-here = { $document } is defined again here
l-dangling-here = no document defines { $id }
projection-approved-by = who approved it (`projection.approved_by`)
projection-prepared = when it was prepared (`projection.prepared`)
projection-evidence = the business plan it rests on (`evidence`)
f-projection-ok = { $year } rests on a projection (approved, dated and evidenced); replace it with actual figures once the year is closed
f-projection-incomplete = { $year } rests on a projection that does not say { $missing }
h-projection = projections are admissible only for a new company, the running year before a planned award, or after a reorganisation, and only as credible business projections on record
because-activity-share = { $share } % of { $provider }'s activity in the window was for its controlling group; more than { $threshold } % is required
because-activity-sole-reading = on the reading that { $owner } controls { $provider } alone, { $share } % of { $provider }'s activity in the window was for { $owner } and the legal persons it controls alone; more than { $threshold } % is required (art. 12(1)(b))
f-activity-share-award = { $provider }'s qualifying activity in the window before the award ({ $date }) is { $share } %, not above { $threshold } %
f-activity-margin = { $provider }'s window before { $date } passes at { $share } %, less than { $margin } points above { $threshold } %
f-activity-trend = the window before { $date } passes at { $share } %, but { $year } alone is { $latest } %
h-activity = qualifying { $qualifying } of { $total } { $currency } over { $years }; { $headroom }
headroom-carry = the window could carry { $amount } { $currency } per year more non-qualifying activity before failing
headroom-fails = the window already fails: { $amount } { $currency } per year of non-qualifying activity too much

## Control (§ 3-1, § 3-2)
assume-association-ca = { $id } is a contracting authority: all its { $count } members on { $date } are (anskaffelsesloven § 2, associations of contracting authorities)
assume-stated-ca-ground = { $id } is a contracting authority, as its document states: { $ground }
assume-stated-ca = { $id } is a contracting authority, as its document states (not verified)
assume-sole-control = { $b } solely controls { $provider } on { $date }
not-yet-established = { $id } did not exist on { $date }: it was established on { $from }
no-longer-existed = { $id } no longer existed on { $date }: it was dissolved on { $to }{ $successors ->
    [0] {""}
   *[other] ; its successors { $names } must qualify on their own
  }
because-sole = { $a } holds the majority of { $c }'s votes and of its body { $body }, which decides strategy and significant decisions
because-chain = { $a } controls { $c } through a chain of sole control: { $chain }
because-indirect-joint = { $first }; { $b } in turn solely controls { $c } (indirect joint control)
because-reverse = { $c } solely controls { $a } ({ $chain }): a controlled legal person may award to its controller (art. 12(2))
because-sister = { $x } solely controls both { $a } and { $c }: a legal person may award to another controlled by the same authority (art. 12(2))
because-joint-member = { $a } is a member of { $x }, whose members mandate seats in { $b } of { $c }; together with the other authorities they hold its majority
because-joint-seat = { $a } mandates a seat in { $body } of { $c }; with the other authorities it holds the majority
because-via-association = { $first }; it rests on seats in { $body } mandated by the members of { $x }, and whether that is joint control under § 3-2 is legally untested
because-via-association-private = { $first }; it rests on seats in { $body } mandated by the members of { $x }, and whether that is joint control under § 3-2 is legally untested; moreover { $x } has members that are not contracting authorities ({ $members }), so whether those seats count as mandated by contracting authorities is unsettled (private members of the controller are not direct private capital: recital 32)
because-indirect-unsettled = { $first }; whether joint control of an intermediate that controls the provider is control under § 3-2 is unsettled
because-token = { $first }; but { $buyer } holds only { $share } % of the votes, a participation that may be formal only (C-182/11 Econord)
because-control-conflict = { $first }; but { $owner } holds { $votes } % of the votes and { $share } % of the capital of { $provider } and can amend its articles alone in { $owners_body } (two thirds of both are needed, aksjeloven § 5-18), so the seats in { $seat_body } that this joint control rests on exist only as long as { $owner } keeps them: sole control and joint control of the same company at once is a contradiction a reviewer must weigh
because-control-articles-only = { $first }; but { $owner } holds { $votes } % of the votes and { $share } % of the capital of { $provider } and can amend its articles alone in { $owners_body } (two thirds of both are needed, aksjeloven § 5-18), so the bodies that decide its strategy and significant decisions exist only as its articles say: whether that power is decisive influence over both (sole control, art. 12(1)(a)) is unsettled and a reviewer must weigh it
because-control-blocked = no control path was found, but { $reason } and the path may run through it
missing-unknown-entity = { $c } is not a known entity
missing-no-majority = { $a } is represented in { $body } of { $c }, but the seats mandated by contracting authorities are not a majority ({ $public } of { $total })
missing-state-agency = { $a } is a state agency: it holds no shares in { $c } and mandates no seat in a body that decides its strategy and significant decisions, so it cannot buy in-house
missing-reverse-joint = { $c } controls { $a } only jointly with others; art. 12(2) allows awards to the controller under sole control, and for joint control there is no express basis: whether it extends to joint control is for legal review
missing-sister-joint = { $x } controls both { $a } and { $c }, but not alone; art. 12(2) allows awards between legal persons under the same sole control, and for joint control there is no express basis: whether it extends to joint control is for legal review
missing-membership-ended = { $a }'s membership of { $x } ended on { $to }, so the seats in { $body } mandated by { $x }'s members no longer represent it
missing-membership-starts = { $a }'s membership of { $x } starts on { $from }, so on { $date } the seats in { $body } mandated by { $x }'s members do not represent it
missing-not-member = { $a } is not a member of { $x }, whose members mandate the seats in { $body } of { $c }, and mandates no seat of its own
missing-no-seat = { $a } mandates no seat in { $body } of { $c } (its seats are mandated by { $by }); a seat held for another authority does not count
missing-no-deciding-body = { $c } has no body that decides both strategy and significant decisions, so nobody can control it as its own department
missing-board-only = in { $c } only the board decides strategy and significant decisions; control must run through a body of its owners or members, and the board is neither
missing-membership-alone = { $a } is a member of { $x }, but membership alone gives no control of { $c }; { $c } has no deciding body with seats mandated by { $x }'s members
missing-not-member-owner = { $a } is not a member of { $x } (which owns { $c }) on { $date }, and holds no shares or seats of its own
missing-minority = { $a } holds { $votes } % of the votes of { $c } but no majority, and no seat it mandates in a body that decides strategy and significant decisions
missing-nothing = { $a } holds no shares in { $c } and mandates no seat in a body that decides its strategy and significant decisions
f-control = { $buyer } buys { $service } in-house from { $provider }, but has no control path on { $date }: { $why }
h-control = use another basis (tender, cooperation, below-threshold), or give the buyer representation in the company's deciding body
f-via-association = { $count } in-house { $count ->
    [one] subscription relies
   *[other] subscriptions rely
  } on seats in { $body } mandated by the members of { $x }; whether that is joint control under § 3-2 is legally untested
h-via-association-opinion = a legal opinion is on record ({ $reference }); keep it current, and consider direct shares with an owners' council or back-to-back purchases through { $x }
h-via-association-none = no legal opinion on this structure is on record: add one under `legal_opinions` (topic `control-via-association`), or give each municipality direct shares with an owners' council, or buy back-to-back through { $x }
f-indirect-joint = { $count } in-house { $count ->
    [one] subscription relies
   *[other] subscriptions rely
  } on joint control of { $b }, which controls { $provider } alone; indirect joint control is not spelt out in art. 12(3)
h-indirect-joint = put a legal opinion on record (`legal_opinions`), or let the authorities hold the provider's shares directly with an owners' council
f-token = { $authority } claims joint control of { $provider } with { $share } % of the votes and no seat of its own: a participation that may be formal only
h-token = give the authority a seat of its own in the body that decides strategy and significant decisions, or a real share of the votes
f-control-conflict = { $owner } holds { $votes } % of the votes of { $provider } and can amend its articles alone in { $owners_body }, while other authorities claim joint control through seats in { $seat_body } that those articles create
h-control-conflict = have the legal opinion address it, bind the seats beyond the owner's reach (a shareholders' agreement), or give the members direct shares with an owners' council
f-control-articles-only = { $buyer } buys { $service } in-house from { $provider } on { $date } with no seat in the bodies that decide its strategy and significant decisions, relying on its power to amend the articles alone
h-control-articles-only = have the legal opinion address whether the sole owner's power over the articles is decisive influence, or give the owner the strategy and significant decisions in its owners' body
f-activity-sole-reading = { $buyer } relies on controlling { $provider } alone through its articles, but on that reading only { $share } % of { $provider }'s activity in the window before { $date } was for { $buyer } and the legal persons it controls alone; more than { $threshold } % is required, and on the other reading { $buyer } has no control at all
h-activity-sole-reading = use another basis (tender, cooperation, below-threshold): neither reading of the company's control lets { $buyer } buy in-house
l-joint-claimed = joint control claimed through { $body }
f-decisive-influence = no body of { $provider }'s owners or members decides both strategy and significant decisions
h-decisive-influence = give a general meeting, an assembly or a council whose seats the owners or members mandate `decides: [strategy, significant-decisions]`
f-board-autonomy = the board { $board } of { $provider } decides { $decides }
h-board-autonomy = leave strategy and significant decisions to a body of the owners or members; the board decides operations

## The buyer, private capital and contrary interests
because-buyer-not-ca = { $buyer } ({ $kind }) is not a contracting authority
because-activity-controller-unknown = { $x } controls { $provider } but is an association with no members on record: whether it is a contracting authority, and so whether the activity for it qualifies, cannot be derived
because-activity-votes-incomplete = the holdings on record in { $entity } carry { $total } % of its votes: who casts the other { $missing } % is not on record, and if they control { $entity } (and so take part in controlling the provider), the activity for them counts towards the share
because-buyer-no-members = { $buyer } is an association with no members on record and no stated status: whether it is a contracting authority cannot be derived (anskaffelsesloven § 2 reads it from its members)
because-buyer-stated-true = { $buyer } is stated to be a contracting authority, but not all its members are, and no `contracting_authority_ground` says why it is one all the same
because-buyer-stated-false = { $buyer } is stated not to be a contracting authority, but all its members are, which makes it one (anskaffelsesloven § 2), and no `contracting_authority_ground` says why it is not
because-owner-no-members = { $owner } is an association with no members on record, so whether its holding is public cannot be derived
f-association-no-members = { $e } awards in-house, but it is an association with no members on record and no stated status: whether it is a contracting authority cannot be derived
h-association-no-members = record its members (`member_of` on each member), or state `contracting_authority` with `contracting_authority_ground`
f-stated-not-ca-ungrounded = { $e } is stated not to be a contracting authority, but all its members ({ $members }) are, which makes it one (anskaffelsesloven § 2); no ground is given
h-stated-not-ca-ungrounded = give `contracting_authority_ground` (why the association is not a contracting authority although its members are), or remove the statement so that the status follows the members
f-not-ca = { $e } awards in-house but is not a contracting authority
h-not-ca = only a contracting authority can award a contract in-house; state `contracting_authority: true` with `contracting_authority_ground` if it is a body governed by public law
undefined-role = the { $role } { $id } is not defined
holding = { $owner } ({ $share } %)
because-private-capital = { $holders } { $count ->
    [one] holds
   *[other] hold
  } capital in { $provider } and { $count ->
    [one] is
   *[other] are
  } not a contracting authority
because-capital-unknown = who holds capital in { $provider } is not known: { $why }
because-no-owners = { $provider } lists no owners
because-capital-incomplete = the holdings on record in { $provider } on { $date } add up to { $total } % of its capital: who holds the other { $missing } % is not on record, and a private holder of it would be direct private capital
f-capital-incomplete = the holdings on record in { $provider } add up to { $total } % of its capital on { $date }: who holds the other { $missing } % is not on record, so private capital is not assessed in { $count ->
    [one] one in-house decision
   *[other] { $count } in-house decisions
  }
h-capital-incomplete = list every holder of the capital with its `share`, dated with `from` and `to` where holdings changed hands; the holdings valid on one date add up to 100 %
because-votes-incomplete = { $first }; but the holdings on record in { $entity } carry { $total } % of its votes: who casts the other { $missing } % is not on record, and with them { $buyer } might control it, alone or jointly with other contracting authorities
f-votes-incomplete = the holdings on record in { $provider } carry { $total } % of its votes on { $date }: who casts the other { $missing } % is not on record, so who controls it is not known, and { $count ->
    [one] one in-house decision is
   *[other] { $count } in-house decisions are
  } not assessed
h-votes-incomplete = give each holding's `votes` where they differ from its `share`, and list every holder; the votes of the holdings valid on one date add up to 100 %
because-owners-public = every owner of { $provider } is a contracting authority
because-owners-publicly-held = every owner of { $provider } is a contracting authority or, as { $held }, held by contracting authorities all the way up the chain (an intermediate link need not be a contracting authority itself)
because-owners-association = every owner of { $provider } is a contracting authority or, as { $associations }, an association with contracting authorities among its members (private members, if any, are not direct private capital in { $provider }: recital 32)
holding-by-law = { $owner } ({ $share } % of the capital, { $votes } % of the votes)
because-private-admitted = { $holders } { $count ->
    [one] is the only owner
   *[other] are the only owners
  } of { $provider } that { $count ->
    [one] is
   *[other] are
  } not a contracting authority; { $count ->
    [one] that holding is
   *[other] those holdings are
  } required by law, neither controlling nor blocking (more than { $blocking } of the votes or of the capital blocks an amendment of the articles, aksjeloven § 5-18), and without decisive influence (no seat of { $count ->
    [one] its
   *[other] their
  } own in a deciding body): admitted under the statutory exception
f-private-capital = { $owner } ({ $kind }, { $share } % of the capital) is private capital in { $provider }
f-private-capital-by-law = { $owner } ({ $kind }, { $share } % of the capital) is private capital in { $provider }, although required by law: with { $share } % of the capital and { $votes } % of the votes, or a seat of its own, it controls or blocks (more than { $blocking } of the votes or of the capital blocks an amendment of the articles, aksjeloven § 5-18)
h-private-capital = any private holding excludes in-house, however small, unless required by law and neither controlling nor blocking (`mandated_by_law: true`)
l-owner-kind = { $owner } is { $kind }
f-private-opening = the articles of { $provider } allow private owners
h-private-opening = one share sold to a private party would end the in-house basis for every subscription; close it in the articles
f-private-members = { $association } is on a control path and has members that are not contracting authorities: { $members }
f-private-members-ungrounded = { $association } is on a control path and has members that are not contracting authorities: { $members }; its stated `contracting_authority: true` cannot follow from its members, and no ground is given
h-private-members = private members of the controlling association are not direct private capital, but a reviewer should weigh them
h-private-members-ungrounded = give `contracting_authority_ground` (why the association is a contracting authority although not all its members are); private members are not direct private capital, but a reviewer should weigh them
l-stated-without-ground = stated here, without a ground
f-contrary-interests = { $c } may pursue interests contrary to the authorities': { $why ->
    [both] its articles do not say the purpose is non-commercial and its articles allow profit distribution to owners
    [commercial] its articles do not say the purpose is non-commercial
   *[profit] its articles allow profit distribution to owners
  }
h-contrary-interests = the articles must state a non-commercial purpose and prohibit profit distribution (`non_commercial: true`, `profit_distribution: prohibited`)
contrary-no-articles-in-force = no version of { $c }'s `articles` is in force on the date judged: nothing shows a non-commercial purpose without profit distribution
contrary-no-articles = { $c } has no `articles`: nothing shows a non-commercial purpose without profit distribution
because-non-commercial = the articles state a non-commercial purpose and prohibit profit distribution
because-profit-public = the articles of { $provider } let profit go to its owners, all of them contracting authorities: not obviously contrary to their interests, for review
f-profit = the articles of { $provider } let profit go to its owners; all are contracting authorities, so this is for review rather than a failure
h-profit = prohibit profit distribution in the articles (`profit_distribution: prohibited`), or have the review recorded in a legal opinion

## Continuity and planned changes
f-continuity-condition = { $condition } held when { $buyer }'s subscription to { $service } was awarded ({ $award }), but fails on { $date }: { $why }
h-continuity-condition = the in-house basis ended while the subscription runs; reassess it (new award on another basis, or restore the condition)
f-continuity-control = { $buyer } controlled { $provider } when the subscription was awarded ({ $award }), but not on { $date }: { $why }
h-continuity-control = the in-house basis ended while the subscription runs; reassess it (new award on another basis, or restore control)
f-continuity-activity = { $provider }'s activity passed at award but the window before { $date } is { $share } %, not above { $threshold } %
change-membership-ends = { $id }'s membership of { $association } ends on { $date }
change-dissolved = { $id } is dissolved on { $date }
change-holding = { $owner }'s holding in { $id } { $verb } on { $date }
change-body = the body { $body } of { $id } { $verb } on { $date }
change-seats = the mandate of the seats in { $body } of { $id } { $verb } on { $date }
change-articles-new = new articles of { $id } take effect on { $date }
change-articles-end = the articles of { $id } in force until { $date } end
f-planned-change = { $buyer }'s in-house subscription to { $service } runs past { $date }, when { $condition } will fail: { $what }; from then on, { $why }
f-planned-change-unknown = { $buyer }'s in-house subscription to { $service } runs past { $date }, when { $condition } can no longer be assessed: { $what }; from then on, { $why }
h-planned-change = reassess the award before the change takes effect: end the subscription (`until`), award it on another basis, or change the plan

## Procurement bases
because-tender = awarded after a competition, notice { $reference }
because-no-reference = no procurement reference is named
because-tender-no-award-date = notice { $reference } is named, but not the date of the award: whether that contract covers the subscription is not known
because-used-before-award = notice { $reference }, but the subscription began on { $since }, before the award on { $awarded }: the contract does not cover the time between
f-no-award-date = { $buyer } subscribes to { $service } by tender (notice { $reference }), but names no award date
f-used-before-award = { $buyer } subscribes to { $service } from { $since }, before the contract of notice { $reference } was awarded on { $awarded }
h-used-before-award = the contract covers the subscription from its award: correct `since` or `awarded` if one is wrong, or give the time before it a subscription of its own on the basis it had
because-placeholder = { $field } is still the placeholder { $value }: not a fact to judge by
f-no-reference = { $buyer } subscribes to { $service } by tender, but names no procurement reference
h-no-reference = add `procurement: {"{"}reference: <notice number>, awarded: <date>{"}"}`
because-self-supply = { $buyer } is the provider of { $service } itself: a legal person makes no contract with itself, so there is nothing to award in-house
f-self-supply = { $buyer } subscribes in-house to { $service }, which it provides itself: a legal person makes no contract with itself, so this is no award and no basis applies
h-self-supply = a service { $buyer } runs itself is no procurement: leave the subscription out, or name the legal person that actually provides the service as its `provider`
f-no-assessment = { $buyer } subscribes to { $service } in-house without a written assessment
h-no-assessment = name the written in-house assessment in `assessment` (the buyer carries the burden of proof)
because-unknown-basis = { $basis } is not a basis egenregi knows
used-below-threshold = below the threshold
used-no-contract = with no contract
value-stated = the stated estimated value { $value }
value-term-months = annual value { $annual } × { $months ->
    [one] 1 month
   *[other] { $months } months
  } / 12, for the fixed term { $since } to { $until } counted in full, by the month
value-term-days = annual value { $annual } × { $days ->
    [one] 1 day
   *[other] { $days } days
  } / 365, for the fixed term { $since } to { $until }, shorter than a month
value-term-months-days = annual value { $annual } × { $months ->
    [one] 1 month
   *[other] { $months } months
  } / 12, plus { $annual } × { $days ->
    [one] 1 day
   *[other] { $days } days
  } / 365, for the fixed term { $since } to { $until } counted in full: whole months by the month, the rest by the day
value-rounded-down = { $how }, rounded down to the øre
value-no-end = annual value { $annual } × 4, as it has no end date: 48 months
value-none = states no `annual_value` or `estimated_value`
value-no-since = has a `since` date that cannot be read
value-until-before-since = has an `until` before its `since`
value-unreadable = has a value that cannot be read: { $why }
value-below-annual = states an estimated value of { $value }, less than its annual value over its term ({ $how })
because-no-floor = the jurisdiction pack has no floor in force on { $date }
f-uses-but = { $buyer } uses { $service } { $how }, but { $why }
f-uses-but-it = { $buyer } uses { $service } { $how }, but the subscription { $why }
h-no-floor = the pack's floor has versions from 2017-01-01 (anskaffelsesloven § 2); an earlier award cannot be judged here
because-value = estimated contract value { $value } NOK ({ $how }), against a floor of { $floor } NOK
because-value-summed = estimated contract value { $value } NOK ({ $how }); with the buyer's other contracts for { $service } below the threshold or with no contract, { $total }, against a floor of { $floor } NOK
because-value-raised-floor = { $because }; that floor is set in egenregi.kdl, and the jurisdiction pack's floor in force on the award date, { $law } NOK, is not met: for review
because-value-set-floor = { $because }; that floor is set in egenregi.kdl, and the jurisdiction pack has no floor in force on { $date } to hold it against: for review
f-value-not-below = { $buyer } uses { $service } { $how }, but the contract's estimated value is not below { $threshold } NOK: { $because }
h-value-not-below = the floor applies to the whole contract (48 months when it has no end date; contracts for the same need added up): give `until`, an `estimated_value`, or award on another basis
because-value-unknown = the contract value cannot be estimated: it { $why }
h-value-unknown = state the contract's annual value (NOK excluding VAT), or its whole estimated value (`estimated_value`), so the floor can be checked
because-value-partial = estimated contract value { $value } NOK ({ $how }); with the buyer's other contracts for { $service } below the threshold or with no contract, at least { $total } NOK, but { $why }: whether the whole is below the floor of { $floor } NOK is not known
value-other-unknown = the value of { $other } is not known
value-other-invalid = { $reason }, and it may hold another of the buyer's contracts for the same need
f-value-partial = { $buyer } uses { $service } { $how }, but the contract value cannot be added up: { $why }
h-value-partial = every contract of the buyer for the same need counts toward the floor: state the value of each, and fix the document that cannot be relied on

## Cooperation (§ 3-3)
because-coop-no-agreement = no cooperation agreement is on record
f-coop-no-agreement = { $buyer } subscribes to { $service } as a cooperation, but no cooperation agreement is on record
h-coop-no-agreement = add `cooperation: {"{"}agreement: <title>, parties: [<buyer>, <provider>, ...], objectives: <common objectives>, evidence: <file>{"}"}`
coop-names-no-agreement = names no agreement
coop-party-unknown = whether it lists the { $who } { $id } is not known: the party { $typo } names no entity
coop-party-missing = does not list the { $who } { $id } among its parties
because-coop-agreement = agreement { $agreement } between { $parties }
f-coop-wrong = the cooperation of { $buyer } on { $service } { $what }
h-coop-wrong = § 3-3 covers a contract between the cooperating authorities themselves: name the agreement and list the buyer and the provider as parties
because-coop-wrong = the cooperation { $why }
assume-coop-objectives = the objectives stated, "{ $objectives }", are taken as common public-service objectives
because-coop-no-objectives = the common public-service objectives of the cooperation are not stated
f-coop-no-objectives = the cooperation of { $buyer } on { $service } states no common objectives
h-coop-no-objectives = add `objectives:`: the public-service objectives the parties pursue together
because-no-award-date = the award date cannot be read
party-not-entity = { $party } is not an entity in the repository
f-coop-party-not-ca = { $party } is a party to the cooperation on { $service }, but it is not a contracting authority on { $date }
h-coop-party-not-ca = horizontal cooperation (§ 3-3) is only between contracting authorities; a contract with any other party needs a competition or another basis
assume-coop-no-reports = { $party } has no activity reports: its open-market activity is taken to be below { $limit } %
coop-no-reports = { $party } has no activity reports for the three years before { $date }
f-coop-no-reports = the open-market share of { $party }, a party to the cooperation on { $service }, cannot be measured: it has no activity reports
h-coop-no-reports = add its ActivityReports for the three financial years before the award (art. 12(5))
coop-market-unknown = the open-market share of { $party } in { $span } cannot be assessed: { $why }
f-coop-market = { $why } (cooperation on { $service })
h-coop-market-unknown = the activity reports of every party for the three years before the award must be complete
coop-market-share = { $party } { $share } % in { $span }
coop-market-fails = { $party } performs { $share } % of its activity on the open market in { $span }, not less than { $limit } %
h-coop-market-fails = each party must perform less than 20 % of the activities concerned on the open market (art. 12(4)(c), measured as art. 12(5))
because-coop-parties-not-ca = { $parties } { $count ->
    [one] is
   *[other] are
  } not a contracting authority on { $date }
because-coop-parties-ca = every party is a contracting authority on { $date }
because-coop-market-assumed = no party has activity reports; each is taken to be below { $limit } % (see the assumptions)
because-coop-market-holds = on the open market: { $shares }; below { $limit } %
coop-outside = its activity for contracting authorities that are not parties to the cooperation
coop-outside-named = its activity for { $outside } ({ $count ->
    [one] a contracting authority that is not a party
   *[other] contracting authorities that are not parties
  })
coop-market-share-both = { $party } { $share } % in { $span }, counting { $outside } as open market ({ $lenient } % if it is left out)
coop-market-review = { $party } performs { $lenient } % of its activity on the open market in { $span } when { $outside } is left out, but { $share } % when it is counted, not less than { $limit } %
coop-market-review-unknown = { $party } performs { $lenient } % of its activity on the open market in { $span } when { $outside } is left out; counted, the share cannot be measured: { $why }
h-coop-market-review = whether activity for contracting authorities outside the cooperation counts against a party under § 3-3 is not settled (art. 12(5) counts it: C-553/15 Undis Servizi): put a legal opinion on record, or award on another basis
because-coop-market-review = { $items }; whether activity for a contracting authority outside the cooperation counts against a party, as it does under art. 12(5) (C-553/15 Undis Servizi), is not settled for § 3-3: the share is below { $limit } % only if it does not
coop-evidence-missing = its evidence file { $file } is not in the repository (evidence/missing), so the agreement is not on record

## The Markdown summary (`--format markdown`)
md-counts = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
  }, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
  }, { $notes ->
    [one] 1 note
   *[other] { $notes } notes
  }
md-baselined = { $count } in the baseline
md-decisions-open = { $fails ->
    [one] 1 decision
   *[other] { $fails } decisions
  } not met, { $unassessed } not assessed
skipped-files = { $count ->
    [one] 1 YAML file
   *[other] { $count } YAML files
  } not read ({ $why })
skipped-hidden = { $count } hidden
skipped-ignored = { $count } by .gitignore/.ignore
skipped-excluded = { $count } excluded in egenregi.kdl
md-assumptions-title = Assumed, and not checked
md-assumptions-intro = What the decisions took as given without checking it against other sources, and what they do not cover, per buyer and provider.
md-facts = As of **{ $date }** · { $files ->
    [one] 1 file
   *[other] { $files } files
  } · { $documents ->
    [one] 1 document
   *[other] { $documents } documents
  } · { $waived } waived
md-digest = input SHA-256
md-col-provider = Provider
md-legend = ⚠️ review: holds only on a reading the law has not settled; a lawyer must sign it off. `egenregi report --buyer ID` gives one buyer's extract.
md-window = { $provider } · three years before { $date } ({ $purpose }) · { $verdict }
md-window-not-assessed = not assessed
md-window-passes = passes
md-window-review = passes, for review
md-review = For review: { $why }
md-window-fails = fails
md-window-header = | Year | Basis | Measure | Report | Qualifying | Total | Share |
md-not-assessed = Not assessed: { $why }; no share, margin or headroom is given on partial input
md-threshold = Threshold: more than { $threshold } % of the activity for the controlling authorities
md-margin = Margin: { $margin } percentage points
md-headroom-left = Headroom: { $amount } { $currency } more non-qualifying activity per year before the window fails
md-headroom-over = Headroom: none; { $amount } { $currency } per year of non-qualifying activity too much
md-headroom-none = Headroom: none
md-group = Controlling group: { $names }
currency-NOK = NOK
md-control-title = Control paths
md-control-none = No in-house subscriptions were analysed in this run.
md-control-header = | Subscription | Authority | Service | Provider | Date | Control | Path | Explanation |
md-control-sole = sole
md-control-indirect = indirect
md-control-joint = joint
md-control-reverse = reverse
md-control-sister = sister
md-control-kind-none = none
md-control-more = … and { $count } more (`egenregi report --format html` lists them all)
md-findings-title = Findings
md-findings-none = No findings.
md-findings-header = | Rule | Severity | Findings | Summary |
md-explain = Run `egenregi explain { $rule }` for what this rule checks, why, and an example that fails and one that passes.
md-rule-more = … and { $count } more (`egenregi check --format human --rule { $rule }` lists them all)
md-waivers-header = | Waiver | Rule | Targets | Reason | Approved by | Expires | Status | Waived |
md-waived-title = Waived
md-waived-header = | Rule | Where | Target | Waiver | Finding |

## The rules' one-line summaries (the legal conditions'), as the catalogue writes them: the
## Markdown summary and the report show them in their language. A test keeps en.ftl equal to
## the catalogue.

rule-summary-inhouse-activity-data = A window year has no admissible activity data, or an amount is not exact
rule-summary-inhouse-activity-margin = The activity share is above 80 % by less than the margin (5 points)
rule-summary-inhouse-activity-measure = A window mixes measures (turnover and costs) or currencies
rule-summary-inhouse-activity-projection = The window rests on projections
rule-summary-inhouse-activity-share = The provider's qualifying activity is not above 80 % of its activity
rule-summary-inhouse-activity-trend = The window passes, but its latest year alone does not
rule-summary-inhouse-board-autonomy = The board decides strategy or significant decisions
rule-summary-inhouse-continuity = A condition held at award but fails on the evaluation date
rule-summary-inhouse-contrary-interests = Joint control, but the articles allow a commercial purpose or profit distribution
rule-summary-inhouse-control = An in-house subscription has no control path from the buyer to the provider
rule-summary-inhouse-control-conflict = One authority controls the provider alone while others claim joint control through seats its articles create
rule-summary-inhouse-control-via-association = Control rests on seats mandated by an association's members: legally untested
rule-summary-inhouse-decisive-influence = No body of owners or members decides both strategy and significant decisions
rule-summary-inhouse-indirect-joint-control = Control rests on joint control of an intermediate legal person: unsettled
rule-summary-inhouse-not-assessed = A decision depends on a document that is invalid
rule-summary-inhouse-not-contracting-authority = The buyer of an in-house award is not a contracting authority
rule-summary-inhouse-planned-change = A dated change already on record will break an in-house condition while the subscription runs
rule-summary-inhouse-private-capital = A private party holds capital in the provider
rule-summary-inhouse-private-members = An association on a control path has members that are not contracting authorities
rule-summary-inhouse-private-opening = The articles allow private owners
rule-summary-inhouse-profit-distribution = Joint control, and the articles let profit go to the owners, all public
rule-summary-inhouse-token-participation = An authority's participation in the provider is only formal
rule-summary-procurement-assessment = An in-house subscription has no written assessment
rule-summary-procurement-basis = A subscription's procurement basis is incomplete or above the threshold
rule-summary-procurement-cooperation = A cooperation between authorities fails a condition of § 3-3

## The other rules' summaries (infrastructure and the integrity of the data; the shipped policies'
## summaries are copied from builtin:policies/infrastructure.kdl).

rule-summary-data-placeholder = A value is still a placeholder written by `egenregi new`
rule-summary-entity-duplicate-number = Two entities have the same organisation, municipality or county number
rule-summary-entity-municipality-number = A municipality or county number did not exist while the entity did
rule-summary-entity-orgnr = An organisation number fails its MOD11 check digit
rule-summary-entity-ownership-total = The holdings in an entity valid on one date add up to more than 100 %, or a provider's to less
rule-summary-evidence-missing = An evidence path names no file in the repository
rule-summary-ref-duplicate-id = Two documents of the same kind share an id
rule-summary-ref-unknown = A reference names no document of that kind
rule-summary-repo-outside-root = A symlink under the root leads outside it
rule-summary-repo-policies-not-named = A `policies/` directory holds rule files that `egenregi.kdl` does not name
rule-summary-repo-unreadable = A file or directory under the root cannot be read
rule-summary-schema-additional-properties = A field that the kind does not have (often a typo)
rule-summary-schema-const = A value must be exactly one thing here
rule-summary-schema-enum = A value is not one of the allowed values
rule-summary-schema-format = A value is not a valid date (or other format)
rule-summary-schema-invalid = A value breaks another schema constraint
rule-summary-schema-maximum = A number is above its maximum
rule-summary-schema-min-items = A list is too short (often empty)
rule-summary-schema-min-length = A text is too short (often empty)
rule-summary-schema-minimum = A number is below its minimum
rule-summary-schema-not = A field is present where the kind forbids it
rule-summary-schema-one-of = A value matches none, or more than one, of its allowed forms
rule-summary-schema-pattern = A text value does not have the expected form
rule-summary-schema-required = A required field is missing
rule-summary-schema-type = A value has the wrong type
rule-summary-schema-unique-items = A list has the same item twice
rule-summary-service-accessibility = A public-facing service meets WCAG 2.1 AA or higher and publishes an accessibility statement
rule-summary-service-critical-sla = A critical service commits to 99.5 % availability, 24/7 support, RTO 4h and RPO 1h
rule-summary-service-dependencies = Service dependencies have no cycles, and a critical service depends only on critical or high ones
rule-summary-service-digifin-participation = A service developed with DigiFin money is used only by entities that take part in DigiFin
rule-summary-service-dpia = A critical or high service, or one with special categories of personal data, has a DPIA
rule-summary-service-lifecycle = A deprecated service has a sunset date; no subscription to a retired service, before launch or after sunset
rule-summary-service-ros-fresh = A critical or high service has a ROS analysis from the last 365 days
rule-summary-service-third-country = Personal data hosted in a third country has a transfer mechanism and a transfer impact assessment
rule-summary-tenant-dissolved = A tenant whose entity is dissolved still subscribes
rule-summary-tenant-dpa = A subscription to a service with personal data has a data processing agreement signed on or before its start
rule-summary-tenant-period = A subscription ends before it starts, or starts outside its provider's lifetime
rule-summary-waiver-expired = A waiver's expiry date has passed
rule-summary-waiver-unused = A waiver matches no finding
rule-summary-yaml-ambiguous-scalar = An unquoted yes/no/on/off/y/n that YAML 1.1 tools read as a boolean
rule-summary-yaml-duplicate-key = A mapping has the same key twice
rule-summary-yaml-encoding = A file is not UTF-8 text
rule-summary-yaml-envelope = A document lacks the egenregi envelope (apiVersion, kind, metadata, spec)
rule-summary-yaml-foreign = A YAML file holds no egenregi document at all
rule-summary-yaml-limit = A file exceeds a safety limit (size, nesting depth, alias expansion, documents, findings)
rule-summary-yaml-syntax = The file is not valid YAML
rule-summary-yaml-unsupported = A YAML feature egenregi does not accept: custom tags, merge keys, complex keys, recursive aliases

## The schema's findings (src/schema.rs)
schema-required-document = the document is missing the required field { $name }
schema-required = { $field } is missing the required field { $name }
schema-unknown-field = unknown field { $name }
schema-unknown-field-mean = unknown field { $name }, did you mean { $suggestion }?
schema-enum = { $field } must be one of { $options }, found { $found }
schema-enum-mean = { $field } is { $found }; did you mean { $suggestion }?
schema-const = { $field } must be { $expected }, found { $found }
schema-type = { $field } must be { $expected }, found { $article } { $found }
schema-pattern = { $field } { $value } does not have the expected form
schema-date = { $field } { $value } is not a valid date (YYYY-MM-DD, a day that exists)
schema-format = { $field } { $value } is not a valid { $format }
schema-at-least = { $field } must be at least { $limit }, found { $found }
schema-more-than = { $field } must be more than { $limit }, found { $found }
schema-at-most = { $field } must be at most { $limit }, found { $found }
schema-less-than = { $field } must be less than { $limit }, found { $found }
schema-empty = { $field } may not be empty
schema-min-length = { $field } must be at least { $limit } characters, found { $found }
schema-min-items = { $field } needs at least { $limit ->
    [one] 1 item
   *[other] { $limit } items
  }
schema-unique = { $field } lists the same item twice
schema-one-of-many = { $field } matches more than one allowed form
schema-one-of-none = { $field } matches none of its allowed forms
schema-not-field = { $field } has a field that is not allowed here
schema-not = { $field } is not allowed here
type-string = text
type-integer = a whole number
type-number = a number
type-boolean = true or false
type-array = a list
type-object = a mapping
type-null = empty (null)
type-other = another type
found-string = the text
found-null = an empty value
found-boolean = the boolean
found-number = the number
found-array = a list
found-object = a mapping
schema-h-fix = Open the file in an editor with the schema (`egenregi schema KIND`) for completion and hover help.
schema-h-fields = fields here: { $fields }
schema-h-allowed = allowed: { $options }
schema-h-quote = YAML reads this unquoted value as a number or boolean; put it in quotes to keep it as text
schema-h-number-text = this is text because it is quoted, or because it is a number that cannot be read exactly (beyond 64 bits for a whole number, beyond a float's range, `.inf` or `.nan`); write it unquoted, within range
schema-h-expected = expected: { $what }
schema-h-pattern = expected: the pattern { $pattern }
ref-unknown = no { $kind } has the id { $id }
ref-unknown-mean = no { $kind } has the id { $id }; did you mean { $suggestion }?
ref-unknown-unread = no { $kind } has the id { $id }; its definition may be in { $path }, which could not be read
ref-duplicate = { $document } is defined twice
evidence-leaves = evidence path { $path } leaves the repository; it is not read
evidence-not-a-file = evidence path { $path } does not name a file inside the repository
evidence-link-out = evidence path { $path } leads out of the repository through a link; it is not read
evidence-missing = evidence file { $path } does not exist
h-evidence-missing = evidence paths are relative to the repository root; add the file or correct the path
placeholder = { $field } is still the placeholder { $value }
placeholder-blank = { $field } is blank
placeholder-waiver = waiver { $waiver } is not in force: its { $key } is still the placeholder { $value }
placeholder-waiver-blank = waiver { $waiver } is not in force: its { $key } is blank
h-placeholder-waiver = a waiver accepts a finding only with a real reason and a named approver; until then the finding it targets is reported
ownership-capital = the owners of { $entity } hold { $total } % of its capital{ $span }{ $more }
ownership-votes = the owners of { $entity } hold { $total } % of its votes{ $span }{ $more }
ownership-more = {" "}(and over 100 % on { $count } later { $count ->
    [one] stretch
   *[other] stretches
  })
h-ownership = the holdings valid on one date add up to at most 100 %: correct a figure, or date the holdings with `from`/`to` when one owner took over from another
empty = {""}
span-from = {" "}from { $from }
span-until = {" "}until { $to }
span-on = {" "}on { $on }
span-from-to = {" "}from { $from } to { $to }
period-ends-before-start = the subscription to { $service } ends on { $until }, before it starts on { $since }
h-period-ends-before-start = `until` is the subscription's last day and `since` its award date; swap or correct them
period-before-provider = the subscription to { $service } starts on { $since }, before its provider { $provider } was established on { $established }
h-period-before-provider = a provider cannot be awarded a contract before it exists: correct `since`, or the provider's `established`; a contract with its predecessor belongs to that entity
period-after-provider = the subscription to { $service } starts on { $since }, after its provider { $provider } was dissolved on { $dissolved }
h-period-after-provider = a dissolved provider cannot be awarded a contract: the service's `provider` should be its successor, or a date is wrong
orgnr-twice = organisation number { $number } is also { $other }'s: one legal person, two entities
h-orgnr-twice = merge the two entities into one (keep one id and update the references), or correct the number
waiver-expired-on = waiver { $waiver } expired on { $expires } (evaluated as of { $as_of })
h-waiver-expired = the findings it covered are reported again; fix them, or renew the waiver with a new date (approved by { $approver })
waiver-no-rule = waiver { $waiver } names no known rule { $rule }
waiver-no-rule-mean = waiver { $waiver } names no known rule { $rule }; did you mean { $suggestion }?
waiver-unwaivable = rule { $rule } cannot be waived; waiver { $waiver } has no effect
waiver-matches-nothing = waiver { $waiver } matches no { $rule } finding on { $targets }
h-waiver-unused = delete the waiver, or correct its rule and targets
register-until = until { $to }
register-from-before = from before { $floor } on
register-from-to = from { $from } to { $to }
register-since = since { $from }
number-no-county = municipality number { $number } cannot be right on { $date }, when { $entity } was dissolved: no county had the number { $county } then
h-number-no-county = a municipality number starts with its county's number; check the number (egenregi's register covers municipality numbers from 2020)
number-not-yet = { $what } number { $number } ({ $name }) was not in use on { $date }, when { $entity } was established: the register has it { $periods }
h-number-not-yet = a { $what } that existed before its number did is the predecessor: give it its own entity with `dissolved` and `successors`, or correct `established`
number-unknown = { $what } number { $number } does not exist: no { $what } has had it since { $floor }
number-retired = { $what } number { $number } ({ $name }) is no longer in use: the register has it { $periods }, and { $entity } has no `dissolved` date
number-not-then = { $what } number { $number } ({ $name }) was not in use on { $date }, when { $entity } was dissolved: the register has it { $periods }
day-now = now
day-on = on { $date }
h-number-nearest = the nearest { $what } numbers in use { $day }: { $numbers }{ $renumbered }
h-number-same = the number in use { $day }: { $numbers }{ $renumbered }
h-number-renumbered = ; a renumbered entity keeps its id and takes the new number, and one that ceased to exist gets a `dissolved` date
number-twice = { $what } number { $number } is also { $other }'s, and both entities exist{ $when }
h-number-twice = a { $what } number belongs to one { $what } at a time: correct the number, or date the entities with `established`/`dissolved` when one took over from the other
span-at-the-same-time = {" "}at the same time
orgnr-check-digit = organisation number { $number } fails its MOD11 check digit
h-orgnr-check-digit = with these first eight digits the check digit is { $digit }: { $number }; check the number in Enhetsregisteret
orgnr-impossible = organisation number { $number } cannot exist: no MOD11 check digit fits its first eight digits
h-orgnr-impossible = check the number in Enhetsregisteret

//! Demo data: an agency with two staff, two client companies each with a project and a client
//! user. Written in one transaction; running it again changes nothing.

use faro_app::accounts::db::{
    create_organization, create_user, find_organization_by_slug, set_password_hash, NewUser,
};
use faro_app::accounts::{password, Email, Role};
use faro_app::projects::db::{add_project_member, create_client_company, create_project};
use faro_app::text::{CompanyName, OrganizationName, PersonName, ProjectName};
use sqlx::AnyPool;

/// The slug that marks the demo organization, so a second run finds it.
pub const DEMO_SLUG: &str = "demo";
pub const DEMO_ORGANIZATION: &str = "Lighthouse Studio";

/// Every demo person's password (documented in the README; never use the demo in production).
pub const DEMO_PASSWORD: &str = "faro-demo-2026";

/// The demo people, as `make run` prints them: (email, name, role).
pub const DEMO_PEOPLE: [(&str, &str, &str); 5] = [
    ("owner@demo.test", "Olivia Owner", "owner"),
    ("pm@demo.test", "Pablo Martín", "project manager"),
    (
        "ana@cliente-uno.test",
        "Ana García",
        "client, Cliente Uno S.L.",
    ),
    (
        "ben@client-two.test",
        "Ben Carter",
        "client, Client Two Ltd",
    ),
    (
        "carlos@cliente-uno.test",
        "Carlos Ruiz",
        "client, Cliente Uno S.L.; no notification email",
    ),
];

#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    Created,
    AlreadyThere,
}

fn valid<T>(parsed: Result<T, faro_app::error::AppError>) -> Result<T, sqlx::Error> {
    parsed.map_err(|e| sqlx::Error::Protocol(format!("demo data: {e}")))
}

pub async fn seed(pool: &AnyPool) -> Result<Seeded, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if find_organization_by_slug(&mut *tx, DEMO_SLUG)
        .await?
        .is_some()
    {
        return Ok(Seeded::AlreadyThere);
    }
    // One hash for everyone: Argon2 is slow on purpose, and the password is the same.
    let password_hash = valid(password::hash(DEMO_PASSWORD.to_string()).await)?;
    let org = create_organization(
        &mut *tx,
        &valid(OrganizationName::parse(DEMO_ORGANIZATION))?,
        DEMO_SLUG,
    )
    .await?;

    let mut project_manager = None;
    for (email, name, role) in [
        (DEMO_PEOPLE[0].0, DEMO_PEOPLE[0].1, Role::Owner),
        (DEMO_PEOPLE[1].0, DEMO_PEOPLE[1].1, Role::Pm),
    ] {
        let name = valid(PersonName::parse(name))?;
        let email = valid(Email::parse(email))?;
        let user = NewUser {
            organization: org,
            client_company: None,
            email: &email,
            name: &name,
            role,
        };
        let user = create_user(&mut *tx, user).await?;
        set_password_hash(&mut *tx, user, &password_hash).await?;
        if role == Role::Pm {
            project_manager = Some(user);
        }
    }

    let clients = [
        ("Cliente Uno S.L.", "Tienda online", DEMO_PEOPLE[2]),
        ("Client Two Ltd", "Brand refresh", DEMO_PEOPLE[3]),
    ];
    let mut project_names = Vec::new();
    for (company, project, (email, person, _)) in clients {
        let company =
            create_client_company(&mut *tx, org, &valid(CompanyName::parse(company))?).await?;
        let name = project;
        let project =
            create_project(&mut *tx, org, company, &valid(ProjectName::parse(project))?).await?;
        project_names.push((project, name));
        let name = valid(PersonName::parse(person))?;
        let email = valid(Email::parse(email))?;
        let user = NewUser {
            organization: org,
            client_company: Some(company),
            email: &email,
            name: &name,
            role: Role::Client,
        };
        let user = create_user(&mut *tx, user).await?;
        set_password_hash(&mut *tx, user, &password_hash).await?;
        add_project_member(&mut *tx, project, user).await?;
        let pm = project_manager.unwrap_or(user);
        // Each board speaks its project's language: the shop's client is Spanish.
        let (cards, language): (&[DemoCard], _) = if project_name_is_shop(&project_names, project) {
            (&SHOP_BOARD, faro_app::i18n::Locale::Es)
        } else {
            (&BRAND_BOARD, faro_app::i18n::Locale::En)
        };
        let made = seed_board(&mut tx, project, pm, cards, language.strings()).await?;
        if project_name_is_shop(&project_names, project) {
            seed_milestones(&mut tx, project, pm, user, &made).await?;
            seed_updates(&mut tx, project, pm, user).await?;
            seed_card_comments(&mut tx, project, pm, user, &made).await?;
            // Ana's colleague: a second voice in the shop's feedback. He reads everything in
            // Faro, so he asked for no notification email (the demo's mail stays Ana's).
            let (email, name) = (
                valid(Email::parse(DEMO_PEOPLE[4].0))?,
                valid(PersonName::parse(DEMO_PEOPLE[4].1))?,
            );
            let carlos = NewUser {
                organization: org,
                client_company: Some(company),
                email: &email,
                name: &name,
                role: Role::Client,
            };
            let carlos = create_user(&mut *tx, carlos).await?;
            set_password_hash(&mut *tx, carlos, &password_hash).await?;
            add_project_member(&mut *tx, project, carlos).await?;
            for kind in faro_app::notifications::MailKind::NOTIFICATIONS {
                let off = faro_app::notifications::preferences::Delivery::Off;
                faro_app::notifications::preferences::db::set(&mut tx, carlos, kind, off).await?;
            }
            seed_shop_feedback(&mut tx, org, project, pm, (user, carlos)).await?;
        } else {
            // The brand's client has a project-close form waiting.
            let close = faro_app::feedback::Template::ProjectClose;
            let language = faro_app::i18n::Locale::En;
            faro_app::feedback::db::send(
                &mut tx,
                project,
                None,
                &faro_app::feedback::db::Contents::built_in(close, language),
                pm,
                14,
            )
            .await?;
        }
        let charter = if project_name_is_shop(&project_names, project) {
            shop_charter()
        } else {
            brand_charter()
        };
        faro_app::projects::db::update_charter(&mut *tx, project, &charter).await?;
        // The PM runs both projects, and their pages list them.
        if let Some(pm) = project_manager {
            add_project_member(&mut *tx, project, pm).await?;
        }
    }
    tx.commit().await?;
    Ok(Seeded::Created)
}

/// A demo card: column (0–3), title, internal, labels, due date, Markdown body.
type DemoCard = (
    usize,
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static str,
);

/// The shop's board: ~25 cards across the four columns, some internal.
const SHOP_BOARD: [DemoCard; 25] = [
    (0, "Tarjetas regalo", false, "idea", "", ""),
    (0, "Opiniones en cada producto", false, "idea", "", ""),
    (0, "Alta en el boletín desde el pie de página", false, "marketing", "", ""),
    (0, "Prueba de carga del pago antes del lanzamiento", true, "sistemas", "2027-01-20", ""),
    (0, "Textos de producto en español e inglés", false, "contenido", "2027-01-15", ""),
    (0, "Renovar el certificado de preproducción", true, "sistemas", "", ""),
    (0, "Lista de deseos", false, "idea", "", ""),
    (1, "Pago con tarjeta y Bizum", false, "pagos", "2026-12-18",
        "Tarjeta a través de la pasarela de pago y **Bizum** para clientes en España.\n\n- 3-D Secure\n- recibo por correo"),
    (1, "Fotos de producto de la colección de primavera", false, "contenido", "2026-12-12", ""),
    (1, "Tarifas de envío por región", false, "pagos", "2026-12-15", ""),
    (1, "Estimación de la sincronización con el ERP (horas)", true, "presupuesto", "", "La estimación es interna hasta que la revise la responsable del proyecto."),
    (1, "Búsqueda que tolera erratas", false, "", "", ""),
    (1, "Refactorizar el estado del carrito", true, "deuda técnica", "", ""),
    (2, "Diseño de la página de inicio", false, "diseño", "2026-12-08",
        "Dos variantes de la cabecera; el cliente elige una en la revisión."),
    (2, "Diseño de la ficha de producto", false, "diseño", "2026-12-10", ""),
    (2, "Textos del aviso de cookies", false, "legal", "", ""),
    (2, "Revisión de accesibilidad de los formularios", true, "accesibilidad", "", ""),
    (2, "Correo de confirmación del pedido", false, "contenido", "", ""),
    (3, "Reunión de arranque", false, "", "", "Las notas están en la página de bienvenida."),
    (3, "Dominio y alojamiento", false, "sistemas", "", ""),
    (3, "Colores de la marca en el tema", false, "diseño", "", ""),
    (3, "Analítica sin cookies", false, "", "", ""),
    (3, "Retro interna: estimado frente a real", true, "", "", ""),
    (3, "Web de preproducción en línea", false, "sistemas", "", ""),
    (3, "Importar el catálogo de la tienda antigua", false, "contenido", "", ""),
];

const BRAND_BOARD: [DemoCard; 6] = [
    (0, "Business cards", false, "print", "", ""),
    (1, "Logo variants", false, "design", "2026-12-20", ""),
    (1, "Typeface licences", true, "budget", "", ""),
    (2, "Colour palette", false, "design", "", ""),
    (3, "Brand workshop", false, "", "", ""),
    (3, "Mood board", false, "design", "", ""),
];

fn project_name_is_shop(
    names: &[(faro_app::projects::ProjectId, &str)],
    project: faro_app::projects::ProjectId,
) -> bool {
    names
        .iter()
        .any(|(id, name)| *id == project && *name == "Tienda online")
}

/// The project's default columns and its cards, each with its "created" history line.
async fn seed_board(
    tx: &mut faro_app::db::Tx,
    project: faro_app::projects::ProjectId,
    author: faro_app::accounts::UserId,
    cards: &[DemoCard],
    t: &faro_app::i18n::Strings,
) -> Result<Vec<(&'static str, faro_app::board::CardId)>, sqlx::Error> {
    use faro_app::board::{db, rank, DueDate, EventKind, Labels, Visibility};
    let mut made = Vec::new();
    db::create_default_columns(tx, project, faro_app::board::default_columns(t)).await?;
    let columns = db::list_columns(&mut **tx, project).await?;
    let mut last_rank: Vec<Option<String>> = vec![None; columns.len()];
    for (column, title, internal, labels, due, body) in cards {
        let rank = rank::between(last_rank[*column].as_deref(), None);
        let visibility = if *internal {
            Visibility::Internal
        } else {
            Visibility::Client
        };
        let card = db::insert_card(
            tx,
            db::NewCard {
                project,
                column: columns[*column].id,
                rank: &rank,
                title,
                visibility,
                created_by: author,
            },
        )
        .await?;
        let edit = db::CardEdit {
            title,
            body,
            assignee: (*column == 1 || *column == 2).then_some(author),
            due_on: valid(DueDate::parse(due))?.map(DueDate::iso),
            labels: valid(Labels::parse(labels))?.joined(),
            visibility,
            milestone: None,
        };
        db::update_card(tx, card, 1, &edit).await?;
        db::record_event(
            tx,
            project,
            Some(card),
            author,
            EventKind::Created,
            "",
            *internal,
        )
        .await?;
        last_rank[*column] = Some(rank);
        made.push((*title, card));
    }
    Ok(made)
}

/// The shop's milestones, dated from the day the demo is written so that the story holds on any
/// day: one approved, one completed and waiting for the client, one at risk, one planned.
async fn seed_milestones(
    tx: &mut faro_app::db::Tx,
    project: faro_app::projects::ProjectId,
    pm: faro_app::accounts::UserId,
    client: faro_app::accounts::UserId,
    cards: &[(&'static str, faro_app::board::CardId)],
) -> Result<(), sqlx::Error> {
    use faro_app::calendar::DueDate;
    use faro_app::milestones::{db, Decision, Status};
    let today = DueDate::today_in("Europe/Madrid", faro_app::ids::Timestamp::now()).ordinal();
    let milestones: [(&str, &str, i64, Status, &[&str]); 4] = [
        (
            "Diseño y marca",
            "Identidad aplicada a la tienda: colores, tipografía y plantillas de página.",
            -20,
            Status::Approved,
            &[
                "Reunión de arranque",
                "Colores de la marca en el tema",
                "Dominio y alojamiento",
            ],
        ),
        (
            "Tienda en preproducción",
            "La tienda completa en un servidor de pruebas, con el catálogo importado, para que \
             **revises cada página** antes del lanzamiento.",
            -1,
            Status::Completed,
            &[
                "Web de preproducción en línea",
                "Importar el catálogo de la tienda antigua",
                "Analítica sin cookies",
            ],
        ),
        (
            "Pago y envíos",
            "Pago con tarjeta y Bizum, tarifas por región y correos de confirmación.",
            4,
            Status::InProgress,
            &[
                "Pago con tarjeta y Bizum",
                "Tarifas de envío por región",
                "Correo de confirmación del pedido",
                "Diseño de la ficha de producto",
                "Prueba de carga del pago antes del lanzamiento",
            ],
        ),
        (
            "Lanzamiento",
            "La tienda abierta al público, con textos en español e inglés.",
            45,
            Status::Planned,
            &[
                "Tarjetas regalo",
                "Textos de producto en español e inglés",
                "Textos del aviso de cookies",
            ],
        ),
    ];
    for (title, description, days, status, linked) in milestones {
        let fields = db::Fields {
            title,
            description,
            due_on: Some(DueDate::from_ordinal(today + days).iso()),
        };
        let id = db::insert(tx, project, &fields, pm).await?;
        db::record_event(tx, id, pm, Some(Status::Planned), None).await?;
        let steps: &[Status] = match status {
            Status::Planned => &[],
            Status::InProgress => &[Status::InProgress],
            Status::Completed | Status::Approved => &[Status::InProgress, Status::Completed],
        };
        for step in steps {
            db::set_status(tx, id, *step).await?;
            db::record_event(tx, id, pm, Some(*step), None).await?;
        }
        if status == Status::Approved {
            db::insert_sign_off(
                tx,
                id,
                1,
                client,
                "Ana García",
                Decision::Approved,
                "¡Nos encanta!",
            )
            .await?;
            db::set_status(tx, id, Status::Approved).await?;
            db::record_event(
                tx,
                id,
                client,
                Some(Status::Approved),
                Some(Decision::Approved),
            )
            .await?;
        }
        for title in linked {
            if let Some((_, card)) = cards.iter().find(|(t, _)| t == title) {
                faro_app::board::db::link_milestone(tx, project, *card, Some(id)).await?;
            }
        }
    }
    Ok(())
}

/// The approved milestone's check-in, from the organization's own template (the built-in
/// check-in with an NPS question), answered by Ana (a promoter, very satisfied, with a word for
/// the next phase) and Carlos (a passive, satisfied). The PM made the template; Ana's approval
/// sent the form, as an approval does.
async fn seed_shop_feedback(
    tx: &mut faro_app::db::Tx,
    organization: faro_app::accounts::OrganizationId,
    project: faro_app::projects::ProjectId,
    pm: faro_app::accounts::UserId,
    (ana, carlos): (faro_app::accounts::UserId, faro_app::accounts::UserId),
) -> Result<(), sqlx::Error> {
    use faro_app::feedback::{db, templates, Answer, Kind, Question, Template};
    let approved: Option<(faro_app::milestones::MilestoneId, i64)> = sqlx::query_as(
        "SELECT id, round FROM milestones WHERE project_id = $1 AND status = 'approved'
         ORDER BY id LIMIT 1",
    )
    .bind(project)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(milestone) = approved else {
        return Ok(());
    };
    let language = faro_app::i18n::Locale::Es;
    let (_, mut questions) = Template::MilestoneCheckIn.questions(language);
    questions.insert(
        1,
        Question {
            text: "¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?".into(),
            kind: Kind::Nps,
            required: true,
        },
    );
    let title = "Cómo fue esta fase (con NPS)";
    let template = templates::db::insert(tx, organization, title, language, &questions, pm).await?;
    let contents = db::Contents {
        key: templates::custom_key(template),
        title: title.into(),
        questions,
    };
    let Some(form) = db::send(tx, project, Some(milestone), &contents, ana, 14).await? else {
        return Ok(());
    };
    let ana_answers = [
        Some(Answer::Score(5)),
        Some(Answer::Score(10)),
        None,
        Some(Answer::Text(
            "La semana del 15 estoy de viaje: mejor revisar antes o después.".into(),
        )),
    ];
    db::answer(tx, form, ana, "Ana García", &ana_answers, false).await?;
    let carlos_answers = [
        Some(Answer::Score(4)),
        Some(Answer::Score(8)),
        Some(Answer::Text(
            "Los plazos de las fotos fueron algo justos.".into(),
        )),
        None,
    ];
    db::answer(tx, form, carlos, "Carlos Ruiz", &carlos_answers, false).await
}

/// A conversation on the payment card: Ana asked, Pablo answered, naming her.
async fn seed_card_comments(
    tx: &mut faro_app::db::Tx,
    project: faro_app::projects::ProjectId,
    pm: faro_app::accounts::UserId,
    client: faro_app::accounts::UserId,
    made: &[(&'static str, faro_app::board::CardId)],
) -> Result<(), sqlx::Error> {
    const HOUR: i64 = 3_600_000;
    let now = faro_app::ids::Timestamp::now().0;
    let Some((_, card)) = made
        .iter()
        .find(|(title, _)| title.starts_with("Pago con tarjeta"))
    else {
        return Ok(());
    };
    let comments = [
        (client, "Ana García", false, true, now - 50 * HOUR, "¿Bizum funciona también desde el móvil, sin la app del banco?"),
        (pm, "Pablo Martín", true, false, now - 46 * HOUR, "@Ana García sí: el cliente confirma en la app de su banco, como en cualquier tienda. Lo probamos en preproducción."),
    ];
    for (author, name, by_staff, question, when, body) in comments {
        sqlx::query(
            "INSERT INTO comments (project_id, card_id, author_id, author, by_staff, body,
                                   is_question, answered_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(project)
        .bind(*card)
        .bind(author)
        .bind(name)
        .bind(i64::from(by_staff))
        .bind(body)
        .bind(i64::from(question))
        .bind(question.then_some(now - 46 * HOUR))
        .bind(when)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The shop's status updates, in Spanish, dated from the day the demo is written: two weeks ago
/// (on track), last week (at risk: the payment provider), yesterday (on track again). Ana has
/// seen the first two; the latest waits for her.
async fn seed_updates(
    tx: &mut faro_app::db::Tx,
    project: faro_app::projects::ProjectId,
    pm: faro_app::accounts::UserId,
    client: faro_app::accounts::UserId,
) -> Result<(), sqlx::Error> {
    use faro_app::updates::{db, Health, Sections};
    const DAY: i64 = 86_400_000;
    let now = faro_app::ids::Timestamp::now().0;
    let updates: [(i64, Health, &str, [&str; 4], bool); 3] = [
        (
            15,
            Health::OnTrack,
            "Diseño aprobado; empezamos a montar la tienda",
            [
                "- Aprobasteis el diseño y la marca aplicada a la tienda.\n\
                 - Dominio y alojamiento listos.",
                "- Montar la tienda en preproducción con el catálogo importado.\n\
                 - Conectar el pago con tarjeta.",
                "**¿Podemos seguir vendiendo en la tienda antigua?** Sí: no se toca hasta el \
                 lanzamiento.",
                "",
            ],
            true,
        ),
        (
            8,
            Health::AtRisk,
            "El alta con el proveedor de pago va lenta",
            [
                "- Tienda en preproducción con el catálogo completo.\n\
                 - Analítica sin cookies instalada.",
                "- Revisión de la preproducción contigo.\n\
                 - Pago con tarjeta y Bizum.",
                "**¿Cuándo puedo revisar la tienda?** Ya: el enlace está en el hito «Tienda en \
                 preproducción».",
                "El proveedor de pago aún no ha validado la cuenta: sin ella no hay cobros. Te \
                 proponemos tres caminos, abajo; recomendamos esperar.",
            ],
            true,
        ),
        (
            1,
            Health::OnTrack,
            "Pago validado; la preproducción espera tu visto bueno",
            [
                "- El proveedor validó la cuenta: el pago con tarjeta funciona en preproducción.\n\
                 - Tarifas de envío por región configuradas.",
                "- Bizum y el correo de confirmación del pedido.\n\
                 - Prueba de carga del pago antes del lanzamiento.",
                "**¿Tengo que hacer algo?** Sí: revisar la preproducción y aprobar el hito, o \
                 pedirnos cambios.",
                "",
            ],
            false,
        ),
    ];
    for (days_ago, health, summary, [done, next, questions, risks], seen) in updates {
        let sections = Sections {
            done: done.into(),
            next: next.into(),
            questions: questions.into(),
            risks: risks.into(),
        };
        let fields = db::Fields {
            health,
            summary,
            sections: &sections,
        };
        let id = db::insert(tx, project, &fields, pm).await?;
        if health == Health::AtRisk {
            db::replace_decision(tx, id, Some(&payment_decision())).await?;
        }
        let at = now - days_ago * DAY;
        sqlx::query(
            "UPDATE status_updates SET published_at = $1, created_at = $1, updated_at = $1
             WHERE id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        // The conversation: on the first update a question Ana asked and Pablo answered; on the
        // at-risk one, a question still open after 30 hours (the charter promises 24).
        let comments: &[(faro_app::accounts::UserId, &str, bool, bool, i64, &str)] =
            match (days_ago, health) {
                (15, _) => &[
                    (
                        client,
                        "Ana García",
                        false,
                        true,
                        at + DAY / 4,
                        "¿Las fotos de producto actuales sirven para la tienda nueva?",
                    ),
                    (
                        pm,
                        "Pablo Martín",
                        true,
                        false,
                        at + DAY / 3,
                        "Sí: las pasamos al nuevo formato nosotros, sin coste.",
                    ),
                ],
                (_, Health::AtRisk) => &[(
                    client,
                    "Ana García",
                    false,
                    true,
                    now - 30 * DAY / 24,
                    "¿La opción B cambia algo para los clientes al pagar?",
                )],
                _ => &[],
            };
        for (author, name, by_staff, question, when, body) in comments {
            // A question is answered by the next staff comment.
            let answered = *question && comments.iter().any(|c| c.2 && c.4 > *when);
            sqlx::query(
                "INSERT INTO comments (project_id, update_id, author_id, author, by_staff, body,
                                       is_question, answered_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(project)
            .bind(id)
            .bind(*author)
            .bind(*name)
            .bind(i64::from(*by_staff))
            .bind(*body)
            .bind(i64::from(*question))
            .bind(answered.then_some(at + DAY / 3))
            .bind(*when)
            .execute(&mut **tx)
            .await?;
        }
        if seen {
            sqlx::query(
                "INSERT INTO status_update_seen (update_id, user_id, seen_at) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(client)
            .bind(at + DAY / 2)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The decision the shop's at-risk update asks of Ana: three ways round the payment provider,
/// the first recommended, to choose within three days of the demo being written.
fn payment_decision() -> faro_app::updates::DecisionDraft {
    use faro_app::calendar::DueDate;
    use faro_app::updates::OptionInput;
    let today = DueDate::today_in("Europe/Madrid", faro_app::ids::Timestamp::now()).ordinal();
    let option = |what: &str, cost: &str, time: &str, impact: &str| OptionInput {
        what: what.into(),
        cost: cost.into(),
        time: time.into(),
        impact: impact.into(),
    };
    faro_app::updates::DecisionDraft {
        question: "¿Cómo seguimos con el pago?".into(),
        decide_by: Some(DueDate::from_ordinal(today + 3)),
        options: vec![
            option(
                "Esperar a que el proveedor valide la cuenta",
                "Sin coste",
                "Una semana más",
                "El lanzamiento se mueve una semana",
            ),
            option(
                "Cambiar a otro proveedor",
                "Sin coste; comisión un 0,3 % mayor",
                "Dos días",
                "Se mantiene la fecha",
            ),
            option(
                "Lanzar solo con tarjeta y añadir Bizum después",
                "Sin coste",
                "Ninguno",
                "Sin Bizum las primeras semanas",
            ),
        ],
        recommended: 0,
    }
}

/// The shop's welcome page, in the client's language (Spanish): what Faro is about on a
/// client's first visit.
fn shop_charter() -> faro_app::projects::Charter {
    faro_app::projects::Charter {
        scope_in:
            "- Tienda online con catálogo de unos 300 productos, fichas con fotos y variantes \
                   (talla, color).\n\
                   - Carrito y pago con tarjeta y Bizum; facturas en PDF.\n\
                   - Cuentas de cliente: pedidos, direcciones, lista de deseos.\n\
                   - Textos de producto en español e inglés (los facilitáis vosotros).\n\
                   - Formación de dos horas para vuestro equipo antes del lanzamiento."
                .into(),
        scope_out: "- Aplicación móvil nativa.\n\
                    - Conexión con el ERP de almacén (la valoramos como cambio, aparte).\n\
                    - Fotografía de producto y redacción de textos.\n\
                    - Campañas de publicidad de pago."
            .into(),
        communication_plan: "- **Cada viernes**, una actualización de estado aquí, en Faro: qué \
                             se ha hecho, qué viene, riesgos y decisiones pendientes.\n\
                             - Las preguntas, en los comentarios de cada tarjeta o \
                             actualización; nada se pierde en el correo.\n\
                             - Una llamada de 30 minutos al cerrar cada hito.\n\
                             - Vuestra persona de contacto es Pablo Martín (jefe de proyecto)."
            .into(),
        payment_terms: "- 30 % al firmar, 40 % al entregar la tienda en pruebas, 30 % al \
                        lanzamiento.\n\
                        - Facturas a 30 días.\n\
                        - Los cambios aprobados se facturan aparte, según su estimación."
            .into(),
        change_process: "1. Pedís el cambio en Faro, describiendo qué y por qué.\n\
                         2. En dos días laborables os damos su impacto en plazo y coste.\n\
                         3. Lo aprobáis o lo descartáis; solo entonces entra en el tablero.\n\n\
                         Lo que no está en el alcance se trata siempre como un cambio."
            .into(),
        response_hours: 24,
        update_cadence_days: 7,
    }
}

/// The brand refresh's welcome page, in English.
fn brand_charter() -> faro_app::projects::Charter {
    faro_app::projects::Charter {
        scope_in: "- A refreshed logo, colour palette and type scale.\n\
                   - Brand guidelines (a 20-page PDF) with do's and don'ts.\n\
                   - Templates: business card, letterhead, slide deck, social media posts.\n\
                   - Two rounds of revisions on each deliverable."
            .into(),
        scope_out: "- Naming or a new tagline.\n\
                    - Website redesign (a separate project, if you want one).\n\
                    - Printing and production costs."
            .into(),
        communication_plan: "- **Every other Monday**, a status update here in Faro: what was \
                             done, what is next, risks and the decisions we need from you.\n\
                             - Questions go in the comments of a card or an update, so the whole \
                             team sees them.\n\
                             - A review meeting when each milestone is ready for your sign-off."
            .into(),
        payment_terms: "- 50 % at kick-off, 50 % on delivery of the guidelines.\n\
                        - Invoices are due within 14 days."
            .into(),
        change_process: "1. Ask for the change in Faro.\n\
                         2. Within two working days we tell you what it does to the timeline \
                         and the budget.\n\
                         3. Approve it, and we add it to the board; or drop it, and nothing \
                         changes.\n\n\
                         A third round of revisions counts as a change."
            .into(),
        response_hours: 24,
        update_cadence_days: 14,
    }
}

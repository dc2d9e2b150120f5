//! Español.

use super::Strings;

pub static STRINGS: Strings = Strings {
    app_name: "Faro",
    skip_to_content: "Saltar al contenido",
    nav_label: "Navegación principal",
    nav_projects: "Proyectos",
    language_label: "Idioma",
    footer_tagline: "Faro — tus proyectos, a la vista.",
    loading: "Cargando…",

    home_title: "Proyectos",
    home_intro: "Cada proyecto que compartes con un cliente, con la empresa para la que es.",
    projects_empty_title: "Aún no hay proyectos",
    projects_empty_body: "Cuando se cree un proyecto para un cliente, aparecerá aquí.",
    project_client: "Cliente",
    project_count: |n| match n {
        1 => "1 proyecto".to_string(),
        n => format!("{n} proyectos"),
    },

    not_found_title: "Página no encontrada",
    not_found_body:
        "Esta dirección no lleva a ninguna página. Puede que se haya movido o que no tengas acceso.",
    back_home: "Volver a proyectos",
    error_title: "Algo salió mal",
    error_reference: "Si vuelve a ocurrir, indica esta referencia a tu administrador:",

    error_unauthenticated: "Inicia sesión para continuar.",
    error_not_found: "No lo encontramos. Puede que se haya eliminado o que no tengas acceso.",
    error_conflict: "Otra persona cambió esto al mismo tiempo. Recarga para ver la versión actual.",
    error_too_many_attempts: |minutes| {
        format!("Demasiados intentos. Espera {minutes} minutos y vuelve a intentarlo.")
    },
    error_internal:
        "Algo falló de nuestro lado. No es por nada que hayas hecho; inténtalo de nuevo.",
    error_network: "No se pudo conectar con Faro. Revisa tu conexión e inténtalo de nuevo.",

    invalid_required: "Completa este campo.",
    invalid_too_long: |max| format!("Usa como máximo {max} caracteres."),
    invalid_control_characters: "Usa una sola línea, sin caracteres de control.",
    invalid_malformed: "No se pudo leer el formulario. Recarga la página e inténtalo de nuevo.",
    invalid_too_short: |min| format!("Usa al menos {min} caracteres."),
    invalid_email: "Escribe un correo como nombre@ejemplo.com.",
    invalid_credentials:
        "El correo y la contraseña no coinciden. Revisa ambos e inténtalo de nuevo.",
    sign_in_title: "Iniciar sesión",
    sign_in_intro: "Inicia sesión para ver tus proyectos.",
    email_label: "Correo electrónico",
    password_label: "Contraseña",
    sign_in_button: "Iniciar sesión",
    signing_in: "Iniciando sesión…",
    sign_out_button: "Cerrar sesión",
    signed_in_as: "Sesión iniciada como",
    setup_title: "Te damos la bienvenida a Faro",
    setup_intro: "Faro aún no tiene ninguna organización. Crea la tuya y su primera cuenta, la de propietario.",
    organization_label: "Nombre de la organización",
    your_name_label: "Tu nombre",
    new_password_hint: "Al menos 10 caracteres. Una frase corta es fácil de recordar.",
    setup_button: "Crear la organización",
    setting_up: "Creando…",
    invalid_email_taken:
        "Esta dirección ya tiene una cuenta de Faro que no puede añadirse aquí. Usa otra dirección.",
    error_link_expired:
        "Este enlace ha caducado o ya se usó. Pide uno nuevo a quien te lo envió.",

    date: |year, month, day| {
        const MONTHS: [&str; 12] = [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
        ];
        format!("{day} {} {year}", MONTHS[(month as usize).clamp(1, 12) - 1])
    },
    role_owner: "Propietario",
    role_pm: "Responsable de proyecto",
    role_client: "Cliente",

    project_people_title: "Personas en este proyecto",
    project_people_empty: "Todavía no se ha añadido a nadie a este proyecto.",
    all_projects: "Todos los proyectos",
    invite_title: "Invitar a alguien",
    invite_intro: "Los clientes solo ven los proyectos a los que se les invita. El enlace funciona una vez, durante 7 días.",
    invite_role_label: "Invitar como",
    invite_role_client: |company| format!("Cliente de {company}"),
    invite_role_pm: "Responsable de proyecto (equipo, ve todos los proyectos)",
    invite_role_owner: "Propietario (equipo, gestiona personas y ajustes)",
    invite_button: "Crear enlace de invitación",
    inviting: "Creando…",
    invite_link_ready: |email, date| {
        format!("Envía este enlace a {email}. Funciona una sola vez, hasta el {date}.")
    },
    invite_link_label: "Enlace de invitación",
    invite_added: |name| format!("{name} ya tiene cuenta y ahora tiene acceso a este proyecto."),
    pending_title: "Invitaciones pendientes de respuesta",
    pending_until: |date| format!("enlace válido hasta el {date}"),

    accept_title: "Acepta tu invitación",
    accept_intro: |inviter, organization, project| {
        let who = inviter.unwrap_or("Alguien");
        match project {
            Some(project) => {
                format!("{who} te ha invitado al proyecto «{project}» de {organization}.")
            }
            None => format!("{who} te ha invitado a unirte a {organization} en Faro."),
        }
    },
    accept_email_note: "Entrarás con esta dirección de correo.",
    accept_button: "Unirme y entrar",
    accepting: "Uniéndome…",
    go_to_sign_in: "Ir a iniciar sesión",
    invalid_wrong_password: "Esa no es tu contraseña actual.",
    invalid_time_zone: "Elige una zona horaria de la lista, como Europe/Madrid.",
    account_title: "Tu cuenta",
    account_intro: "Cómo te ven los demás y cómo te habla Faro.",
    profile_title: "Perfil",
    name_label: "Nombre",
    language_follow_browser: "El de mi navegador",
    timezone_label: "Zona horaria",
    timezone_hint: "Las fechas y los avisos se muestran en ella.",
    save_button: "Guardar",
    saving: "Guardando…",
    saved: "Guardado.",
    password_title: "Contraseña",
    current_password_label: "Contraseña actual",
    new_password_label: "Nueva contraseña",
    change_password_button: "Cambiar la contraseña",
    changing_password: "Cambiando…",
    password_changed:
        "Contraseña cambiada. Se ha cerrado tu sesión en todos los demás dispositivos.",
    invalid_last_owner:
        "Una organización necesita al menos un propietario: haz propietaria a otra persona antes.",
    invalid_yourself: "No puedes quitarte a ti mismo.",
    nav_people: "Personas",
    people_title: "Personas",
    people_intro: "Todas las personas de tu organización: tu equipo y las de tus clientes.",
    people_staff: "Equipo",
    people_clients: "Clientes",
    people_clients_empty: "Aún no se ha unido ningún cliente. Invítalos desde la página de un proyecto.",
    people_name: "Nombre",
    people_role: "Rol",
    people_actions: "Acciones",
    make_owner: "Hacer propietario",
    make_pm: "Hacer responsable de proyecto",
    remove_button: "Quitar…",
    remove_confirm: |name| {
        format!("¿Quitar a {name}? Pierde el acceso al momento; lo que escribió se conserva.")
    },
    remove_yes: "Sí, quitar",
    you_label: "(tú)",
    reset_title: "Elige una contraseña nueva",
    reset_intro: |name, email| {
        format!("Para {name} ({email}). Se cerrará la sesión en todos los dispositivos que usaban la contraseña anterior.")
    },
    reset_button: "Guardar y entrar",
    reset_link_button: "Enlace de contraseña",
    reset_link_ready: |name, date| {
        format!("Envía este enlace a {name}. Le permite elegir una contraseña nueva, una vez, hasta el {date}.")
    },
    reset_link_label: "Enlace para restablecer la contraseña",
    forgot_password:
        "¿Olvidaste tu contraseña? Un propietario de tu organización puede darte un enlace para elegir otra.",
    invite_project_label: "Al proyecto",
    invite_role_client_any: "Cliente de la empresa del proyecto",
    new_project_title: "Nuevo proyecto",
    company_label: "Empresa cliente",
    company_hint: "Uno de tus clientes, o uno nuevo.",
    project_name_label: "Nombre del proyecto",
    create_project_button: "Crear proyecto",
    archived_title: "Archivados",
    project_settings_title: "Proyecto",
    rename_button: "Cambiar nombre",
    archive_button: "Archivar",
    reopen_button: "Reabrir",
    archived_note: "Archivado: el cliente ya no lo ve en su lista.",
    invalid_out_of_range: |min, max| format!("Usa un número entero de {min} a {max}."),
    charter_title: "Bienvenida",
    charter_empty: "El acta del proyecto aún no está escrita.",
    charter_commitment: |hours, days| {
        format!("Respondemos en menos de {hours} horas y publicamos una novedad cada {days} días.")
    },
    section_scope_in: "Dentro del alcance",
    section_scope_out: "Fuera del alcance",
    section_communication_plan: "Cómo nos comunicamos",
    section_payment_terms: "Condiciones de pago",
    section_change_process: "Cambios de alcance",
    response_hours_label: "Tiempo de respuesta (horas)",
    cadence_label: "Novedades cada (días)",
    edit_charter: "Editar el acta",
    save_charter: "Guardar el acta",
    markdown_hint: "Markdown: **negrita**, listas con -, enlaces como [texto](https://…).",
};

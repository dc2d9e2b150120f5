//! English.

use super::Strings;

pub static STRINGS: Strings = Strings {
    app_name: "Faro",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_projects: "Projects",
    language_label: "Language",
    footer_tagline: "Faro — your projects, in plain sight.",
    loading: "Loading…",

    home_title: "Projects",
    home_intro: "Every project you share with a client, with the company it is for.",
    projects_empty_title: "No projects yet",
    projects_empty_body: "When a project is created for a client, it appears here.",
    project_client: "Client",
    project_count: |n| match n {
        1 => "1 project".to_string(),
        n => format!("{n} projects"),
    },

    not_found_title: "Page not found",
    not_found_body:
        "This address does not lead to a page. It may have moved, or you may not have access to it.",
    back_home: "Back to projects",
    error_title: "Something went wrong",
    error_reference: "If it happens again, tell your administrator this reference:",

    error_unauthenticated: "Please sign in to continue.",
    error_not_found:
        "We could not find that. It may have been removed, or you may not have access to it.",
    error_conflict:
        "Someone else changed this at the same time. Reload to see the current version.",
    error_too_many_attempts: |minutes| {
        format!("Too many attempts. Wait {minutes} minutes, then try again.")
    },
    error_internal:
        "Something went wrong on our side. Nothing you did caused it; please try again.",
    error_network: "Faro could not be reached. Check your connection and try again.",

    invalid_required: "Please fill this in.",
    invalid_too_long: |max| format!("Use at most {max} characters."),
    invalid_control_characters: "Use a single line, without special control characters.",
    invalid_malformed: "The form could not be read. Reload the page and try again.",
    invalid_too_short: |min| format!("Use at least {min} characters."),
    invalid_email: "Enter an email address such as name@example.com.",
    invalid_credentials: "That email and password do not match. Check both and try again.",
    sign_in_title: "Sign in",
    sign_in_intro: "Sign in to see your projects.",
    email_label: "Email",
    password_label: "Password",
    sign_in_button: "Sign in",
    signing_in: "Signing in…",
    sign_out_button: "Sign out",
    signed_in_as: "Signed in as",
    setup_title: "Welcome to Faro",
    setup_intro: "Faro has no organization yet. Create yours and its first account, the owner.",
    organization_label: "Organization name",
    your_name_label: "Your name",
    new_password_hint: "At least 10 characters. A short sentence is easy to remember.",
    setup_button: "Create the organization",
    setting_up: "Creating…",
    invalid_email_taken:
        "This email address already has a Faro account that cannot be added here. Use another address.",
    error_link_expired:
        "This link has expired or was already used. Ask the person who sent it for a new one.",

    date: |year, month, day| {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!("{day} {} {year}", MONTHS[(month as usize).clamp(1, 12) - 1])
    },
    role_owner: "Owner",
    role_pm: "Project manager",
    role_client: "Client",

    project_people_title: "People on this project",
    project_people_empty: "Nobody has been added to this project yet.",
    all_projects: "All projects",
    invite_title: "Invite someone",
    invite_intro: "Clients see only the projects they are invited to. The link works once, for 7 days.",
    invite_role_label: "Invite as",
    invite_role_client: |company| format!("Client of {company}"),
    invite_role_pm: "Project manager (staff, sees every project)",
    invite_role_owner: "Owner (staff, manages people and settings)",
    invite_button: "Create invitation link",
    inviting: "Creating…",
    invite_link_ready: |email, date| {
        format!("Send this link to {email}. It works once, until {date}.")
    },
    invite_link_label: "Invitation link",
    invite_added: |name| format!("{name} already has an account, and now has access to this project."),
    pending_title: "Invitations waiting for an answer",
    pending_until: |date| format!("link valid until {date}"),

    accept_title: "Accept your invitation",
    accept_intro: |inviter, organization, project| {
        let who = inviter.unwrap_or("Someone");
        match project {
            Some(project) => {
                format!("{who} invited you to the project “{project}” at {organization}.")
            }
            None => format!("{who} invited you to join {organization} on Faro."),
        }
    },
    accept_email_note: "You will sign in with this email address.",
    accept_button: "Join and sign in",
    accepting: "Joining…",
    go_to_sign_in: "Go to sign in",
    invalid_wrong_password: "That is not your current password.",
    invalid_time_zone: "Choose a timezone from the list, such as Europe/Madrid.",
    account_title: "Your account",
    account_intro: "How others see you, and how Faro speaks to you.",
    profile_title: "Profile",
    name_label: "Name",
    language_follow_browser: "Same as my browser",
    timezone_label: "Timezone",
    timezone_hint: "Dates and reminders are shown in it.",
    save_button: "Save",
    saving: "Saving…",
    saved: "Saved.",
    password_title: "Password",
    current_password_label: "Current password",
    new_password_label: "New password",
    change_password_button: "Change password",
    changing_password: "Changing…",
    password_changed:
        "Password changed. Every other device where you were signed in has been signed out.",
    invalid_last_owner: "An organization needs at least one owner: make someone else owner first.",
    invalid_yourself: "You cannot remove yourself.",
    nav_people: "People",
    people_title: "People",
    people_intro: "Everyone in your organization: your team, and your clients' people.",
    people_staff: "Team",
    people_clients: "Clients",
    people_clients_empty: "No client has joined yet. Invite clients from a project's page.",
    people_name: "Name",
    people_role: "Role",
    people_actions: "Actions",
    make_owner: "Make owner",
    make_pm: "Make project manager",
    remove_button: "Remove…",
    remove_confirm: |name| {
        format!("Remove {name}? They lose access at once; what they wrote stays.")
    },
    remove_yes: "Yes, remove",
    you_label: "(you)",
    reset_title: "Choose a new password",
    reset_intro: |name, email| {
        format!("For {name} ({email}). Every device signed in with the old password will be signed out.")
    },
    reset_button: "Save and sign in",
    reset_link_button: "Password link",
    reset_link_ready: |name, date| {
        format!("Send this link to {name}. It lets them choose a new password, once, until {date}.")
    },
    reset_link_label: "Password reset link",
    forgot_password:
        "Forgot your password? An owner of your organization can give you a link to choose a new one.",
    invite_project_label: "To the project",
    invite_role_client_any: "Client of the project's company",
    new_project_title: "New project",
    company_label: "Client company",
    company_hint: "One of your clients, or a new one.",
    project_name_label: "Project name",
    create_project_button: "Create project",
    archived_title: "Archived",
    project_settings_title: "Project",
    rename_button: "Rename",
    archive_button: "Archive",
    reopen_button: "Reopen",
    archived_note: "Archived: the client no longer sees it in their list.",
    invalid_out_of_range: |min, max| format!("Use a whole number from {min} to {max}."),
    charter_title: "Welcome",
    charter_empty: "The project's charter has not been written yet.",
    charter_commitment: |hours, days| {
        format!("We answer within {hours} hours, and post an update every {days} days.")
    },
    section_scope_in: "In scope",
    section_scope_out: "Out of scope",
    section_communication_plan: "How we communicate",
    section_payment_terms: "Payment terms",
    section_change_process: "Changing the scope",
    response_hours_label: "Response time (hours)",
    cadence_label: "Update every (days)",
    edit_charter: "Edit the charter",
    save_charter: "Save the charter",
    markdown_hint: "Markdown: **bold**, lists with -, links as [text](https://…).",
};

"""Team (admins): accounts (add, disable, reset a password, role, per-project roles, permission to
start model jobs), assignments of documents or segment ranges to reviewers, and the record of
every change. Each button calls one workflow.team use case, which records who did what."""
import streamlit as st

from review_app import auth
from review_app.errors import BadInputError
from review_app.presentation import html_snippets
from review_app.ui import state
from review_app.workflow import projects, team

OWN_ROLE = "(the account's own)"


def run(action, *args, done: str, **kwargs) -> None:
    """Call a use case; say what happened, or the one-line reason it did not."""
    try:
        action(*args, **kwargs)
    except BadInputError as exc:
        st.error(html_snippets.markdown_text(str(exc)))
        return
    state.flash("success", done)
    st.rerun()  # the tables above show the change


def accounts_section(store, path, me: str) -> list[str]:
    st.subheader("Accounts")
    accounts = {name: acct for name, (acct, _) in auth.load_accounts(path).items()}
    roles = team.project_roles(store)
    allowed = team.job_permissions(store, list(accounts))
    st.dataframe([{"account": a.name, "role": a.role, "disabled": a.disabled, "may start model jobs":
                   a.is_admin or allowed[a.name], "project roles": ", ".join(
                       f"{p}: {r}" for (n, p), r in sorted(roles.items()) if n == a.name)}
                  for a in accounts.values()], hide_index=True, width="stretch")
    with st.form("team-add", clear_on_submit=True):
        st.caption("Add an account")
        name_col, role_col, password_col = st.columns(3)
        name = name_col.text_input("Name", key="team-add-name")
        role = role_col.selectbox("Role", auth.ROLES, key="team-add-role")
        password = password_col.text_input("Password (8 characters or more)", type="password", key="team-add-pw")
        if st.form_submit_button("Add account"):
            run(team.add_account, store, path, name, role, password, by=me, done=f"Added {name.strip()} ({role}).")
    if accounts:
        manage_account(store, path, me, accounts)
    return list(accounts)


def manage_account(store, path, me: str, accounts: dict) -> None:
    st.caption("Change an account")
    name = st.selectbox("Account", list(accounts), key="team-account")
    acct = accounts[name]
    left, middle, right = st.columns(3)
    with left:
        if st.button("Enable" if acct.disabled else "Disable", key="team-disable"):
            run(team.set_disabled, store, path, name, not acct.disabled, by=me,
                done=f"{name} {'enabled' if acct.disabled else 'disabled'}.")
        role = st.selectbox("Role", auth.ROLES, index=auth.ROLES.index(acct.role), key=f"team-role-{name}")
        if st.button("Set role", key="team-set-role"):
            run(team.set_role, store, path, name, role, by=me, done=f"{name} is now {role}.")
    with middle:
        password = st.text_input("New password", type="password", key=f"team-pw-{name}")
        if st.button("Reset password", key="team-reset"):
            run(team.reset_password, store, path, name, password, by=me, done=f"Password of {name} reset.")
        allowed = st.toggle("May start model jobs", value=acct.is_admin or team.job_permissions(store, [name])[name],
                            key=f"team-jobs-{name}", disabled=acct.is_admin)
        if st.button("Save permission", key="team-save-jobs", disabled=acct.is_admin):
            run(team.allow_jobs, store, name, allowed, by=me,
                done=f"{name} {'may' if allowed else 'may not'} start model jobs.")
    with right:
        names = projects.project_names(store)
        if names:
            project = st.selectbox("Project", names, key="team-project")
            role = st.selectbox("Role in this project", [OWN_ROLE, *auth.ROLES], key=f"team-project-role-{name}")
            if st.button("Set project role", key="team-set-project-role"):
                run(team.set_project_role, store, name, project, None if role == OWN_ROLE else role, by=me,
                    done=f"{name} in {project}: {role}.")


def assignments_section(store, me: str, names: list[str]) -> None:
    st.subheader("Assignments")
    projects_list = projects.project_names(store)
    if not projects_list:
        st.caption("No projects yet.")
        return
    project = st.selectbox("Project", projects_list, key="team-assign-project")
    documents = {d.document.id: d for d in projects.list_documents(store, project)}
    with st.form("team-assign"):
        doc_col, who_col, from_col, to_col = st.columns([3, 2, 1, 1])
        doc_id = doc_col.selectbox("Document", list(documents), format_func=lambda i: documents[i].document.name,
                                   key="team-assign-doc")
        reviewer = (who_col.selectbox("Reviewer", names, key="team-assign-who") if names
                    else who_col.text_input("Reviewer", key="team-assign-who-typed"))
        first = from_col.number_input("From segment (0 = all)", 0, key="team-assign-from")
        last = to_col.number_input("To segment", 0, key="team-assign-to")
        if st.form_submit_button("Assign") and doc_id is not None:
            whole = first == 0 and last == 0
            run(team.assign, store, doc_id, reviewer or "", None if whole else int(first),
                None if whole else int(last), by=me, done=f"Assigned to {reviewer}.")
    current = team.assignments(store, project=project)
    if current:
        st.dataframe([{"reviewer": a.reviewer, "document": documents[a.document_id].document.name if a.document_id
                       in documents else a.document_id, "segments": "all" if a.first_position is None else
                       f"{a.first_position + 1}-{a.last_position + 1}", "by": a.assigned_by} for a in current],
                     hide_index=True, width="stretch")
        gone = st.selectbox("Remove an assignment", current, key="team-unassign", format_func=lambda a: (
            f"{a.reviewer}: {documents[a.document_id].document.name if a.document_id in documents else ''} "
            f"{'all' if a.first_position is None else f'{a.first_position + 1}-{a.last_position + 1}'}"))
        if st.button("Remove", key="team-unassign-go"):
            run(team.unassign, store, gone, by=me, done="Assignment removed.")


st.title("Team")
if not state.is_admin():
    st.error("Only admins manage the team.")
    st.stop()
store = state.store()
for kind, message in state.pop_flashes():
    getattr(st, kind)(html_snippets.markdown_text(message))
me = state.reviewer() or "admin"
path = auth.configured_file()
names: list[str] = []
if path is None:
    st.info("No accounts file: the app runs without sign-in (set auth_file to manage accounts here). "
            "Assignments take the names reviewers type.")
else:
    names = accounts_section(store, path, me)
assignments_section(store, me, names)
st.subheader("Changes")
st.dataframe([{"when": e.created_at, "who": e.actor, "what": e.action, "account or reviewer": e.subject,
               "detail": e.detail or ""} for e in team.team_log(store)], hide_index=True, width="stretch")

"""Browser tests follow the staff menu as a person does: open a group, click an entry."""


def follow_menu(page, group: str, entry: str) -> None:
    page.locator("nav.navbar").get_by_role("button", name=group, exact=True).click()
    opened = page.locator("nav.navbar .dropdown-menu.show")
    opened.get_by_role("link", name=entry, exact=True).click()

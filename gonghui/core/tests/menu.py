"""Browser tests follow the staff menu as a person does: open a group, click an entry."""


def follow_menu(page, group: str, entry: str) -> None:
    page.locator("nav.navbar").get_by_role("button", name=group, exact=True).click()
    opened = page.locator("nav.navbar .dropdown-menu.show")
    link = opened.get_by_role("link", name=entry, exact=True)
    href = link.get_attribute("href")
    link.click()
    # the click only starts the navigation: return once the entry's page is there
    page.wait_for_url(lambda url: url.endswith(href))

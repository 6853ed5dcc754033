from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core import idnumber
from gonghui.core.fields import EncryptedTextField


class OrgKind(models.TextChoices):
    FEDERATION = "federation", _("Federation of trade unions")
    TOWN = "town", _("Town federation")
    STREET = "street", _("Street federation")
    INDUSTRY = "industry", _("Industry union")
    SINGLE = "single", _("Single-enterprise union")
    JOINT = "joint", _("Joint union")


FEDERATION_KINDS = frozenset({OrgKind.FEDERATION, OrgKind.TOWN, OrgKind.STREET, OrgKind.INDUSTRY})
GRASSROOTS_KINDS = frozenset({OrgKind.SINGLE, OrgKind.JOINT})


class Organisation(models.Model):
    """A node of the union tree. `path` ("/1/5/23/") makes a subtree one indexed prefix query."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    @property
    def ancestor_ids(self) -> list[int]:
        """The organisation and its ancestors, top first ("/1/5/23/" → [1, 5, 23])."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Enterprise(models.Model):
    name = models.CharField(_("name"), max_length=128)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    staff_count = models.PositiveIntegerField(_("staff count"), default=0)
    industry = models.CharField(_("industry"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    union = models.ForeignKey(
        Organisation,
        verbose_name=_("grassroots union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        help_text=_("Empty when the enterprise has no union yet."),
    )
    area = models.ForeignKey(
        Organisation,
        verbose_name=_("town or street"),
        on_delete=models.PROTECT,
        related_name="area_enterprises",
        help_text=_("The federation whose area the enterprise lies in."),
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LEFT = "left", _("Left the union")


class EmploymentGroup(models.TextChoices):
    """New employment forms (新就业形态) named in seed 001."""

    NONE = "", _("Not a new-employment-form worker")
    TRUCK_DRIVER = "truck_driver", _("Truck driver")
    COURIER = "courier", _("Courier")
    DELIVERY_RIDER = "delivery_rider", _("Food delivery rider")
    RIDE_HAILING = "ride_hailing", _("Ride-hailing driver")
    DOMESTIC_WORKER = "domestic_worker", _("Domestic worker")
    CARE_WORKER = "care_worker", _("Care worker")
    MALL_INFO = "mall_info", _("Shopping-mall information worker")
    ESTATE_AGENT = "estate_agent", _("Estate agent")
    SECURITY_GUARD = "security_guard", _("Security guard")
    HOMESTAY = "homestay", _("Homestay and farm-stay worker")
    OTHER = "other", _("Other new-employment-form worker")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Member(models.Model):
    """A union member. The ID number and bank card are encrypted; `id_hash` (a keyed hash)
    finds a member by their full ID number and keeps one row per person; `id_tail_hash` by
    name and the number's last four characters."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=64)
    id_number = EncryptedTextField(_("ID number"))
    id_hash = models.CharField(max_length=64, unique=True, editable=False)
    # crypto.id_tail_hash of the last four characters: finds "张三 0235" (name + tail)
    # without keeping the digits in the clear. Kept by orgs.services.
    id_tail_hash = models.CharField(max_length=16, db_index=True, editable=False, default="")
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    mobile = models.CharField(_("mobile"), max_length=20, db_index=True, blank=True)
    union = models.ForeignKey(
        Organisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    status = models.CharField(
        _("membership status"), max_length=16, choices=MemberStatus.choices, default="active"
    )
    join_date = models.DateField(_("join date"), null=True, blank=True)
    basic_medical_insurance = models.BooleanField(_("in basic medical insurance"), default=True)
    maternity_insurance = models.BooleanField(_("in maternity insurance"), default=False)
    bank_name = models.CharField(_("bank"), max_length=64, blank=True)
    bank_card = EncryptedTextField(_("bank card number"), blank=True)
    employment_group = models.CharField(
        _("new employment form"),
        max_length=32,
        choices=EmploymentGroup.choices,
        blank=True,
        default="",
    )
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["union_id", "name", "id"]
        indexes = [
            # Counting members by union and status, with their enterprise (coverage) and
            # scoping other tables by member, from the index alone: the rows themselves are
            # wide (encrypted ID and card numbers).
            models.Index(
                fields=["union", "status", "enterprise", "id"], name="member_union_status_cover"
            ),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return self.name

    @property
    def id_number_masked(self) -> str:
        return idnumber.mask(self.id_number)

    @property
    def bank_card_masked(self) -> str:
        return idnumber.mask_card(self.bank_card)

    @property
    def age(self) -> int:
        from django.utils import timezone

        today = timezone.localdate()
        before_birthday = (today.month, today.day) < (self.birth_date.month, self.birth_date.day)
        return today.year - self.birth_date.year - before_birthday

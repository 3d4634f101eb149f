"""Fields shared by the CSD serializers."""

from gfmd.api.serializers import CountryField


class CSDCountryField(CountryField):
    """gfmd's CountryField (ISO alpha-3), refusing a NUL character with the usual 400
    instead of passing it to PostgreSQL (which cannot compare text containing NUL)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)

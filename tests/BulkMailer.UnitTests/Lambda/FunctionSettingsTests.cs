using BulkMailer.Lambda.Configuration;

namespace BulkMailer.UnitTests.Lambda;

public sealed class FunctionSettingsTests
{
    private static FunctionEnvironment With(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new FunctionEnvironment(name => values.GetValueOrDefault(name));
    }

    [Fact]
    public void Unset_and_blank_variables_give_the_fallback_without_a_problem()
    {
        var settings = With(("BLANK", "   "));

        Assert.Null(settings.Text("UNSET"));
        Assert.Null(settings.Text("BLANK"));
        Assert.Equal(7, settings.Integer("UNSET", 7, 0, 10));
        Assert.Equal(1.5, settings.Number("BLANK", 1.5, 0, 10));
        Assert.Empty(settings.Problems);
        settings.ThrowIfInvalid("test");
    }

    [Fact]
    public void Values_in_range_are_read_with_the_invariant_culture_and_trimmed()
    {
        var settings = With(("N", " 3 "), ("X", "0.25"), ("T", "  name "));

        Assert.Equal(3, settings.Integer("N", 0, 0, 10));
        Assert.Equal(0.25, settings.Number("X", 1, 0, 10));
        Assert.Equal("name", settings.Text("T"));
        Assert.Empty(settings.Problems);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    [InlineData("three")]
    [InlineData("2.5")]
    public void A_whole_number_outside_its_range_or_not_a_number_is_a_problem_naming_the_variable(string value)
    {
        var settings = With(("N", value));

        Assert.Equal(4, settings.Integer("N", 4, 0, 10));

        var problem = Assert.Single(settings.Problems);
        Assert.Equal($"N must be a whole number from 0 to 10, not '{value}'", problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("8761")]
    public void A_number_at_or_below_its_exclusive_minimum_above_its_maximum_or_not_finite_is_a_problem(string value)
    {
        var settings = With(("X", value));

        Assert.Equal(168, settings.Number("X", 168, 0, 8760));

        Assert.Equal($"X must be a number above 0 and at most 8760, not '{value}'", Assert.Single(settings.Problems));
    }

    [Fact]
    public void Init_fails_once_listing_every_problem()
    {
        var settings = With(("A", "x"), ("B", "-1"));
        settings.Integer("A", 0, 0, 5);
        settings.Number("B", 1, 0, 5);
        settings.Problem("A and B disagree");

        var error = Assert.Throws<InvalidOperationException>(() => settings.ThrowIfInvalid("feedback"));

        Assert.Equal(
            "invalid feedback configuration: A must be a whole number from 0 to 5, not 'x'; B must be a number above 0 and at most 5, not '-1'; A and B disagree",
            error.Message);
    }
}

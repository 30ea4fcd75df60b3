using BulkMailer.Deployment.Budget;

namespace BulkMailer.UnitTests.Budget;

public sealed class RdsInstanceClassesTests
{
    [Theory]
    [InlineData("db.t3.micro", 73)]
    [InlineData("db.t3.medium", 377)]
    [InlineData("db.r6g.large", 1594)]
    [InlineData("db.t4g.medium", 377)]
    [InlineData("db.m5.large", 782)]
    public void Estimates_max_connections_of_known_classes_below_their_nominal_memory(string instanceClass, int expected)
    {
        Assert.Equal(expected, RdsInstanceClasses.EstimateMaxConnections(instanceClass));
    }

    [Theory]
    [InlineData(1, 87)]
    [InlineData(2, 181)]
    [InlineData(4, 413)]
    [InlineData(8, 823)]
    [InlineData(16, 1705)]
    public void Estimate_never_exceeds_a_published_show_max_connections_reading_and_stays_within_a_quarter_of_it(int gib, int observed)
    {
        int estimate = RdsInstanceClasses.MaxConnectionsFromMemory(RdsInstanceClasses.EstimateInstanceClassMemory(gib));

        Assert.InRange(estimate, observed * 3 / 4, observed);
    }

    [Fact]
    public void Nominal_memory_formula_matches_the_rds_formula_for_a_known_class_memory()
    {
        // 4 GiB nominal through the plain formula: 4294967296 / 9531392 = 450.6 → 450, the figure usually quoted.
        Assert.Equal(450, RdsInstanceClasses.MaxConnectionsFromMemory(4L * 1024 * 1024 * 1024));
    }

    [Fact]
    public void Large_classes_are_capped_at_five_thousand()
    {
        Assert.Equal(RdsInstanceClasses.FormulaCap, RdsInstanceClasses.EstimateMaxConnections("db.r6g.16xlarge"));
    }

    [Theory]
    [InlineData("t3.medium")]
    [InlineData("DB.T3.MEDIUM")]
    [InlineData(" db.t3.medium ")]
    public void Accepts_class_names_without_prefix_or_in_any_case(string name)
    {
        Assert.Equal(377, RdsInstanceClasses.EstimateMaxConnections(name));
    }

    [Fact]
    public void Unknown_class_is_refused_with_advice_to_give_max_connections()
    {
        var e = Assert.Throws<ArgumentException>(() => RdsInstanceClasses.EstimateMaxConnections("db.x9.huge"));

        Assert.Contains("db.x9.huge", e.Message, StringComparison.Ordinal);
        Assert.Contains("SHOW max_connections", e.Message, StringComparison.Ordinal);
    }
}

using BulkMailer.Core.Feedback;
using BulkMailer.LocalLambda.SesFeedback;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>Each mailbox simulator address gets the events SES documents for it, in SES's order.</summary>
public sealed class SimulatorOutcomesTests
{
    [Theory]
    [InlineData("success@simulator.amazonses.com")]
    [InlineData("success+run7@simulator.amazonses.com")]
    [InlineData("ooto@simulator.amazonses.com")]
    [InlineData("ooto+label@simulator.amazonses.com")]
    public void Success_and_out_of_office_are_sent_then_delivered(string recipient) =>
        Assert.Equal([SesEventKind.Send, SesEventKind.Delivery], SimulatorOutcomes.For(recipient));

    [Theory]
    [InlineData("bounce@simulator.amazonses.com")]
    [InlineData("bounce+42@simulator.amazonses.com")]
    [InlineData("BOUNCE+x1@Simulator.AmazonSES.com")]
    [InlineData("Bounce Test <bounce+x1@simulator.amazonses.com>")]
    public void Bounce_is_sent_then_hard_bounced_whatever_the_label_case_or_display_name(string recipient) =>
        Assert.Equal([SesEventKind.Send, SesEventKind.PermanentBounce], SimulatorOutcomes.For(recipient));

    [Theory]
    [InlineData("complaint@simulator.amazonses.com")]
    [InlineData("complaint+c9@simulator.amazonses.com")]
    public void Complaint_is_sent_delivered_then_complained(string recipient) =>
        Assert.Equal([SesEventKind.Send, SesEventKind.Delivery, SesEventKind.Complaint], SimulatorOutcomes.For(recipient));

    [Theory]
    [InlineData("suppressionlist@simulator.amazonses.com")]
    [InlineData("suppressionlist+s1@simulator.amazonses.com")]
    public void Suppressionlist_is_sent_then_bounced_as_suppressed(string recipient) =>
        Assert.Equal([SesEventKind.Send, SesEventKind.SuppressedBounce], SimulatorOutcomes.For(recipient));

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("bounce@example.com")]
    [InlineData("complaint@simulator.amazonses.com.example.org")]
    [InlineData("someone-else@simulator.amazonses.com")]
    [InlineData("not an address")]
    [InlineData("")]
    public void Any_other_address_is_sent_then_delivered(string recipient) =>
        Assert.Equal([SesEventKind.Send, SesEventKind.Delivery], SimulatorOutcomes.For(recipient));
}

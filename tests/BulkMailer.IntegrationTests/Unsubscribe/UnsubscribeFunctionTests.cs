using BulkMailer.Core.Unsubscribe;
using BulkMailer.IntegrationTests.Fixtures;
using Npgsql;

namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>
/// The unsubscribe function as deployed (its bootstrap process, its insert-only role, the real PostgreSQL) behind the
/// local function URL: a valid one-click POST suppresses once however often it is replayed; everything else is a 400
/// that changes nothing.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class UnsubscribeFunctionTests(LocalServersFixture stack)
{
    [Fact]
    public async Task A_one_click_post_suppresses_the_recipient_and_a_replay_answers_200_with_still_one_row()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-post");
        var link = unsubscribe.Links().For("Ada.Lovelace@Example.com", "spring");

        var first = await unsubscribe.PostAsync(link);
        var replay = await unsubscribe.PostAsync(link);

        Assert.Equal(200, first.Status);
        Assert.Contains("Unsubscribed", first.Body, StringComparison.Ordinal);
        Assert.Equal(200, replay.Status);
        Assert.Equal(["ada.lovelace@example.com|unsubscribe|unsubscribe-link"], await unsubscribe.SuppressionsAsync());
    }

    [Fact]
    public async Task An_address_already_suppressed_for_another_reason_keeps_it()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-keep");
        await TableState.LinesAsync(unsubscribe.Db, "insert into suppression (email, reason, source) values ('grace@example.com', 'complaint', 'ses') returning email");

        var answer = await unsubscribe.PostAsync(unsubscribe.Links().For("grace@example.com", "c"));

        Assert.Equal(200, answer.Status);
        Assert.Equal(["grace@example.com|complaint|ses"], await unsubscribe.SuppressionsAsync());
    }

    [Fact]
    public async Task A_tampered_token_answers_400_and_suppresses_nothing()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-tampered");
        var mine = unsubscribe.Links().For("mallory@example.com", "c");
        var victims = unsubscribe.Links().For("victim@example.com", "c");
        // The victim's address with the attacker's signature.
        var tampered = victims[..victims.LastIndexOf('.')] + mine[mine.LastIndexOf('.')..];

        var answer = await unsubscribe.PostAsync(tampered);

        Assert.Equal(400, answer.Status);
        Assert.Contains("altered", answer.Body, StringComparison.Ordinal);
        Assert.Empty(await unsubscribe.SuppressionsAsync());
    }

    [Fact]
    public async Task An_expired_token_answers_400_and_suppresses_nothing()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-expired");
        var signedLongAgo = unsubscribe.Links(new FixedTime(DateTimeOffset.UtcNow - UnsubscribeTokenCodec.DefaultValidity - TimeSpan.FromMinutes(1)));

        var answer = await unsubscribe.PostAsync(signedLongAgo.For("late@example.com", "c"));

        Assert.Equal(400, answer.Status);
        Assert.Contains("expired", answer.Body, StringComparison.Ordinal);
        Assert.Empty(await unsubscribe.SuppressionsAsync());
    }

    [Fact]
    public async Task A_link_signed_with_another_key_answers_400()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-otherkey");
        var otherKey = new UnsubscribeLinks(unsubscribe.Front.Url, new UnsubscribeTokenCodec(UnsubscribeSigningKeys.Parse(new string('k', 40)), TimeProvider.System));

        Assert.Equal(400, (await unsubscribe.PostAsync(otherKey.For("a@example.com", "c"))).Status);
        Assert.Empty(await unsubscribe.SuppressionsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?t=")]
    [InlineData("?t=1.2.3.4.5")]
    [InlineData("?x=y")]
    public async Task A_get_or_post_without_a_usable_token_answers_400(string query)
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-notoken");
        var url = unsubscribe.Front.Url + query;

        Assert.Equal(400, (await unsubscribe.GetAsync(url)).Status);
        Assert.Equal(400, (await unsubscribe.PostAsync(url)).Status);
        Assert.Empty(await unsubscribe.SuppressionsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("List-Unsubscribe=Yes")]
    [InlineData("unsubscribe=true")]
    public async Task A_post_with_another_body_answers_400_and_suppresses_nothing(string body)
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-body");

        var answer = await unsubscribe.PostAsync(unsubscribe.Links().For("a@example.com", "c"), body);

        Assert.Equal(400, answer.Status);
        Assert.Contains("one-click", answer.Body, StringComparison.Ordinal);
        Assert.Empty(await unsubscribe.SuppressionsAsync());
    }

    [Fact]
    public async Task A_get_with_a_valid_token_shows_the_masked_address_and_changes_nothing()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-get");

        var page = await unsubscribe.GetAsync(unsubscribe.Links().For("reader@example.com", "c"));

        Assert.Equal(200, page.Status);
        Assert.Contains("r***@example.com", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("reader@example.com", page.Body, StringComparison.Ordinal);
        Assert.Empty(await unsubscribe.SuppressionsAsync());
    }

    [Fact]
    public async Task The_unsubscribe_role_may_add_suppressions_but_not_read_or_lift_them_or_touch_mail()
    {
        var db = await stack.NewDatabaseAsync("unsub-role");
        await stack.ScalarAsync<int>(db, "alter role bulkmailer_unsubscribe password 'unsubscribe-role-test'; select 1");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Username = "bulkmailer_unsubscribe", Password = "unsubscribe-role-test", Pooling = false }.ConnectionString);
        await connection.OpenAsync();

        await using (var insert = new NpgsqlCommand("insert into suppression (email, reason, source) values ('x@example.com', 'unsubscribe', 't') on conflict do nothing", connection))
        {
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }
        foreach (var forbidden in new[] { "select count(*) from suppression", "delete from suppression", "update suppression set reason = 'x'", "select count(*) from mail_message", "create table intruder (id int)" })
        {
            await using var command = new NpgsqlCommand(forbidden, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }
}

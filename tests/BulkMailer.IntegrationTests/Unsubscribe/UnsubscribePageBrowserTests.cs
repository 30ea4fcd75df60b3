using System.Net;
using BulkMailer.IntegrationTests.Fixtures;
using PuppeteerSharp;

namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>
/// A person clicking the link in a mail: a real headless chromium opens the GET page of the local function URL,
/// finds an accessible form, clicks confirm, and lands on the confirmation while the address is suppressed.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class UnsubscribePageBrowserTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Clicking_confirm_on_the_page_suppresses_the_address_and_shows_the_confirmation()
    {
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-browser");
        var link = unsubscribe.Links().For("Clicker@Example.com", "autumn");
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = await Chromium.ExecutableAsync(),
            // The test may run as root in a container, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        await using var page = await browser.NewPageAsync();

        var opened = await page.GoToAsync(link);

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Equal("en", await page.EvaluateExpressionAsync<string>("document.documentElement.lang"));
        Assert.Equal("Unsubscribe", await page.GetTitleAsync());
        Assert.Equal("post", await page.EvaluateExpressionAsync<string>("document.querySelector('form').method"));
        Assert.Equal("Confirm unsubscribe", await page.EvaluateExpressionAsync<string>("document.querySelector('#confirm').textContent.trim()"));
        Assert.Equal("Unsubscribe", await page.EvaluateExpressionAsync<string>(
            "document.getElementById(document.querySelector('form').getAttribute('aria-labelledby')).textContent"));
        Assert.Contains("c***@example.com", await page.EvaluateExpressionAsync<string>("document.body.innerText"), StringComparison.Ordinal);
        Assert.Empty(await unsubscribe.SuppressionsAsync());

        var navigation = page.WaitForNavigationAsync();
        await page.ClickAsync("#confirm");
        var confirmed = await navigation;

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("Unsubscribed", await page.GetTitleAsync());
        Assert.Contains("will receive no more mail", await page.EvaluateExpressionAsync<string>("document.querySelector('#done').textContent"), StringComparison.Ordinal);
        Assert.Equal(["clicker@example.com|unsubscribe|unsubscribe-link"], await unsubscribe.SuppressionsAsync());
    }
}

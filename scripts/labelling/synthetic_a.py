"""Annotator a's written paraphrases (own sentences, not copied from any source) covering how soldiers, POWs and
relatives talk, for every indicator and both armies, plus hard negatives in soldier voice. Training only, never
evaluation. Writes gold/train/synthetic_a.jsonl."""
import json
import os

RS, US = ("Russian soldier", "ru"), ("Ukrainian soldier", "ua")
RP = ("Russian POW", "ru")
RM, RW = ("mother of a Russian soldier", "ru"), ("wife of a Russian soldier", "ru")
UM, UW = ("mother of a Ukrainian soldier", "ua"), ("wife of a Ukrainian soldier", "ua")
RPROP = ("Russian propaganda", "ru")
JOUR = ("journalist", "independent")


def L(ind, side, who, h=False, n=False):
    return {"indicator": ind, "subject_side": side, "hedged": h, "negated": n, "claimant": who[0], "claimant_side": who[1]}


S = []


def add(text, *labels):
    S.append((text, list(labels)))


# fear
add("Every night I lie in the dugout listening for drones and I can't stop shaking.", L("fear", "ru", RS))
add("The new guys cry at night, they're terrified, nobody in the platoon sleeps.", L("fear", "ru", RS))
add("Mom, I'm scared to death here, I don't know if I'll see the morning.", L("fear", "ru", RS))
add("When the Ukrainian artillery opened up, half our platoon panicked and ran into the forest.", L("fear", "ru", RS))
add("My son says they sit in the basement and pray, he has never been so frightened in his life.", L("fear", "ru", RM))
add("Everyone was afraid to go out to that position, we all knew what happened to the last group.", L("fear", "ru", RP))
add("He writes that his nerves are gone, he jumps at every sound and can't hold a spoon.", L("fear", "ru", RW))
add("The first week near Bakhmut I was so scared my hands wouldn't hold the rifle.", L("fear", "ua", US))
add("After they stormed our trench some of the guys broke down completely and just sat there crying.", L("fear", "ua", US))
add("He called from the front and said quietly that this is so hard, that he's afraid every single day.", L("fear", "ua", UW))
add("After three days under guided bombs with no relief, people in the company started to panic.", L("fear", "ua", US), L("supply_shortage", "ua", US))
add("Our commander admits the boys fear the glide bombs more than anything else.", L("fear", "ua", US))
add("None of us panicked, even when they broke through on the left flank.", L("fear", "ua", US, n=True))
add("Apparently some of their conscripts were too terrified to leave the bunker at all.", L("fear", "ru", US, h=True))
add("You could hear on the intercepted radio how their men were screaming and begging to pull back.", L("fear", "ru", US))
add("I'm not ashamed to say it, the first shelling paralysed me with fear.", L("fear", "ru", RP))

# deceived
add("They told us we were going for a three-day exercise in Belarus, nobody said a word about Ukraine.", L("deceived", "ru", RP))
add("We were promised the locals would meet us with flowers, and they met us with Molotov cocktails.", L("deceived", "ru", RP))
add("The recruiter swore I'd be guarding a warehouse in the rear, two weeks later I was in an assault group.", L("deceived", "ru", RS))
add("They signed us up for a year and then the decree made it forever.", L("deceived", "ru", RS))
add("Our officers kept saying the Ukrainian army had already run away and Kyiv would fall in a couple of days.", L("deceived", "ru", RP))
add("They told my son he'd be a driver far from the front; the next call came from a hospital.", L("deceived", "ru", RM))
add("They promised the payments every month and we haven't seen a ruble since spring.", L("deceived", "ru", RS))
add("They assured us it was a police operation and that nobody here would shoot back.", L("deceived", "ru", RP))
add("We were told the rotation would come in two weeks, and we stayed there three months.", L("deceived", "ua", US), L("supply_shortage", "ua", US))
add("The command reported the position was fortified, but when we got there there wasn't a single trench.", L("deceived", "ua", US))
add("They said the brigade was going to the rear to rest and instead threw us straight into Avdiivka.", L("deceived", "ua", US))
add("At the enlistment office they promised I'd serve in my own region, I ended up in an assault battalion in Donbas.", L("deceived", "ua", US))
add("Some mobilised men say they were misled about which unit they would end up in.", L("deceived", "ua", JOUR, h=True))
add("Nobody lied to us, we knew exactly where we were going and why.", L("deceived", "ua", US, n=True))
add("He says they were told the neighbouring brigade was covering their flank, but it had pulled out the day before.", L("deceived", "ua", UW))

# coerced
add("Anyone who tried to go back was told he'd be shot on the spot by the guys behind us.", L("coerced", "ru", RP))
add("They put the ones who refused into a pit and kept them there until they agreed to go forward.", L("coerced", "ru", RP))
add("The commander said whoever leaves the position gets a criminal case and ten years.", L("coerced", "ru", RS))
add("Behind us stood the blocking unit, so retreating was simply not an option.", L("coerced", "ru", RP))
add("They beat the guys who said no and then sent them first into the assault.", L("coerced", "ru", RS))
add("My husband says they threatened him with the basement if he didn't sign the new contract.", L("coerced", "ru", RW))
add("The Storm-Z guys told me deserters from their unit were executed in front of everyone.", L("coerced", "ru", RP), L("surrender_desertion", "ru", RP))
add("They threatened our families, said relatives would have problems if anyone ran.", L("coerced", "ru", RS))
add("Our platoon commander threatened to hand anyone who refused over to the military police.", L("coerced", "ua", US))
add("They told us leaving the position without an order means a criminal case, and they meant it.", L("coerced", "ua", US))
add("Russian propaganda claims our commanders shoot those who retreat.", L("coerced", "ua", RPROP, h=True))
add("He was warned that anyone who refused the assault would be sent to a disciplinary unit.", L("coerced", "ua", UW))
add("Nobody keeps us here at gunpoint, we stay because we chose to.", L("coerced", "ua", US, n=True), L("morale_high", "ua", US))
add("Military police stood at the exit of the village and turned back everyone heading to the rear.", L("coerced", "ua", US))
add("If you refuse, they take your phone and your papers and tell you you'll just disappear.", L("coerced", "ru", RP))

# betrayed_by_command
add("The officers left in the first car and we stayed behind with no orders and no radio.", L("betrayed_by_command", "ru", RP))
add("Our generals don't care about us, we're just numbers in their reports.", L("betrayed_by_command", "ru", RS))
add("The commanders sit in Moscow restaurants while we rot in these fields.", L("betrayed_by_command", "ru", RS))
add("They left the wounded on the road and nobody ever came back for them.", L("betrayed_by_command", "ru", RP))
add("We were hung out to dry: no artillery support, and the battalion commander just switched off his radio.", L("betrayed_by_command", "ru", RS), L("supply_shortage", "ru", RS))
add("The ministry only remembers us when they need a nice video for television.", L("betrayed_by_command", "ru", RS))
add("He says he'll never trust an officer again after they sent the men forward and retreated themselves.", L("betrayed_by_command", "ru", RM))
add("The state promised to take care of the families, and my daughter-in-law hasn't received a kopeck.", L("betrayed_by_command", "ru", RM))
add("The ones at the top don't care that we haven't slept in a week.", L("betrayed_by_command", "ua", US), L("supply_shortage", "ua", US))
add("Staff officers who've never seen the front draw arrows on maps and we die for their arrows.", L("betrayed_by_command", "ua", US), L("expendable", "ua", US))
add("We asked for permission to pull back for two days and command kept saying: hold on.", L("betrayed_by_command", "ua", US))
add("Nobody from the brigade came for the wounded, we carried them eight kilometres ourselves.", L("betrayed_by_command", "ua", US))
add("The guys feel the state has forgotten them, there's still no law on demobilisation.", L("betrayed_by_command", "ua", UW))
add("Some soldiers reportedly accuse their commanders of hiding the real situation from Kyiv.", L("betrayed_by_command", "ua", JOUR, h=True))
add("Our commander never leaves us, he is always on the position with the guys.", L("betrayed_by_command", "ua", US, n=True))

# expendable
add("We're just meat here, they send us forward in waves and count who comes back.", L("expendable", "ru", RS))
add("Our lives mean nothing to them, they throw the mobilised straight at the machine guns.", L("expendable", "ru", RP))
add("They call us the disposable ones, and that's exactly how they treat us.", L("expendable", "ru", RS))
add("The assault groups are cannon fodder, even the officers say it out loud.", L("expendable", "ru", RS))
add("They sent my son to his death just to draw fire so the contract soldiers could move up.", L("expendable", "ru", RM))
add("Ten of us were sent across the field in daylight just to see where the Ukrainians would shoot from.", L("expendable", "ru", RP))
add("Nobody counts the Storm-Z guys, if you die no one even writes it down.", L("expendable", "ru", RP), L("casualty_concealment", "ru", RP))
add("Meat assaults every day, the same field, the same result.", L("expendable", "ru", RS))
add("Sometimes it feels like we're just consumables for the people at headquarters.", L("expendable", "ua", US))
add("They sent the infantry forward with no cover at all, as if they didn't care whether we came back.", L("expendable", "ua", US))
add("The new guys feel like cannon fodder, thrown into the hottest sector after three weeks of training.", L("expendable", "ua", US), L("untrained", "ua", US))
add("Russian Telegram channels claim Ukrainian commanders use their men as cannon fodder.", L("expendable", "ua", RPROP, h=True))
add("Our commander doesn't throw people away, he saves every life he can.", L("expendable", "ua", US, n=True))
add("We were left in that village as a living shield so the others could withdraw.", L("expendable", "ua", US))
add("Out here a drone is worth more than an infantryman, that's how they see it.", L("expendable", "ua", US))

# heavy_losses
add("Of our company of 120 men, 14 came back.", L("heavy_losses", "ru", RP))
add("We went in as a full battalion and a week later there were maybe forty of us left.", L("heavy_losses", "ru", RS))
add("There's practically nobody left from my platoon, everyone is dead or wounded.", L("heavy_losses", "ru", RS))
add("The whole field is covered with our guys and nobody collects them.", L("heavy_losses", "ru", RP))
add("My son is the only one from his unit who survived.", L("heavy_losses", "ru", RM))
add("We lose people every day and no replacements come, the companies are half empty.", L("heavy_losses", "ru", RS))
add("In one night they killed more of us than in the whole previous month.", L("heavy_losses", "ru", RS))
add("The regiment is basically gone, all that's left are cooks and drivers.", L("heavy_losses", "ru", RP))
add("Our battalion lost almost half its people in two weeks near Vuhledar.", L("heavy_losses", "ua", US))
add("We're at thirty percent strength and nobody is coming to replace the dead.", L("heavy_losses", "ua", US))
add("There were 90 of us when we went in, 11 walked out.", L("heavy_losses", "ua", US))
add("So many of my friends are gone that I stopped counting.", L("heavy_losses", "ua", US))
add("Russian sources claim the brigade was practically wiped out near Robotyne.", L("heavy_losses", "ua", RPROP, h=True))
add("Despite the heavy fighting our losses were small and the position held.", L("heavy_losses", "ua", US, n=True))
add("They lost around three hundred men in front of our positions in a single day.", L("heavy_losses", "ru", US))

# unwilling
add("Nobody in the company wants to fight anymore, we just want to go home.", L("unwilling", "ru", RS))
add("I didn't come here to kill anyone, I want to go back to my kids.", L("unwilling", "ru", RP))
add("Half the mobilised guys say openly they won't go on the next assault.", L("unwilling", "ru", RS))
add("What are we even doing here? This isn't our war.", L("unwilling", "ru", RP))
add("He begs me to find any way to get him out of there, he says he can't do this any longer.", L("unwilling", "ru", RM))
add("We all just want peace, let the politicians fight each other themselves.", L("unwilling", "ru", RS))
add("My husband says the men only talk about when they'll be allowed to go home.", L("unwilling", "ru", RW))
add("Everybody is waiting for any excuse to get off the front line.", L("unwilling", "ru", RS))
add("I'm sick of this war, I just want to go home to my family.", L("unwilling", "ua", US))
add("A lot of the older guys say they don't want to go back to the front after treatment.", L("unwilling", "ua", US))
add("They're mobilised and they don't hide that they never wanted to fight.", L("unwilling", "ua", US))
add("Nobody here wants to leave, we'll stay until the end.", L("unwilling", "ua", US, n=True), L("morale_high", "ua", US))
add("Kremlin media claim Ukrainian soldiers no longer want to fight.", L("unwilling", "ua", RPROP, h=True))
add("He says he'd give anything for a ceasefire so he could just come home.", L("unwilling", "ua", UW))
add("I want this war to end more than anything, I don't even care how anymore.", L("unwilling", "ua", US))

# surrender_desertion
add("Three guys from our platoon left the position at night and walked to the Ukrainian lines to surrender.", L("surrender_desertion", "ru", RP))
add("Half the company refused to go on the assault, they just put their rifles down.", L("surrender_desertion", "ru", RP))
add("One of ours shot himself in the leg so he'd be evacuated.", L("surrender_desertion", "ru", RS))
add("People are deserting from the rear units, they take off the uniform and go home.", L("surrender_desertion", "ru", RS))
add("We called the hotline and gave ourselves up, there was no other way out.", L("surrender_desertion", "ru", RP))
add("The mobilised from our region refused to advance and were locked in a basement for it.", L("surrender_desertion", "ru", RW), L("coerced", "ru", RW))
add("My husband ran away from his unit and is hiding at his aunt's.", L("surrender_desertion", "ru", RW))
add("Whole groups now surrender as soon as they see the drone with the note.", L("surrender_desertion", "ru", US))
add("Some guys just walk away from the position and never come back, that's the truth.", L("surrender_desertion", "ua", US))
add("Dozens in our battalion are listed as absent without leave, they didn't come back after leave.", L("surrender_desertion", "ua", US), L("unwilling", "ua", US))
add("Two fighters refused to carry out the order to storm the treeline.", L("surrender_desertion", "ua", US))
add("Russian channels claim whole Ukrainian companies are surrendering.", L("surrender_desertion", "ua", RPROP, h=True))
add("None of our guys surrendered, even when they were surrounded.", L("surrender_desertion", "ua", US, n=True), L("morale_high", "ua", US))
add("He says there are more unauthorised absences than ever and the commanders don't know what to do.", L("surrender_desertion", "ua", UW))
add("One of the boys cut his own hand badly to get out of the assault.", L("surrender_desertion", "ua", US))

# sabotage
add("Some drivers pour sugar into the fuel tanks so the trucks break down before the march.", L("sabotage", "ru", RP))
add("The guys punctured the tyres of the APCs so we wouldn't have to go anywhere.", L("sabotage", "ru", RP))
add("Our mechanic left the tank without a battery on purpose so the crew wouldn't be sent forward.", L("sabotage", "ru", RS))
add("They 'accidentally' lose the radio every time an assault is planned.", L("sabotage", "ru", RS))
add("Someone cut the cables on the gun so it couldn't fire, and the whole battery knew who.", L("sabotage", "ru", RP))
add("Reportedly Russian soldiers disabled their own vehicles to avoid the offensive.", L("sabotage", "ru", JOUR, h=True))
add("We drained the oil from the engine and told them it broke down by itself.", L("sabotage", "ru", RP))
add("They set their own ammunition truck on fire so the convoy had to turn back.", L("sabotage", "ru", US))
add("Someone in the battalion disabled the drone batteries before the mission, we still don't know who.", L("sabotage", "ua", US))
add("A couple of guys broke the sight on purpose so they'd be kept in the rear for repairs.", L("sabotage", "ua", US))
add("Russian media claim Ukrainian soldiers are sabotaging Western equipment.", L("sabotage", "ua", RPROP, h=True))
add("Nobody here damages our own gear, it's the only thing keeping us alive.", L("sabotage", "ua", US, n=True))
add("He admitted he loosened a wheel so the vehicle wouldn't make it to the front.", L("sabotage", "ua", UW))
add("Our crew has 'lost' the firing pin twice this month.", L("sabotage", "ua", US))

# untrained
add("They gave us a rifle, two days at the range, and sent us to the front.", L("untrained", "ru", RP))
add("I had never thrown a grenade before I got here.", L("untrained", "ru", RP))
add("The mobilised came without any training, some didn't know how to load a magazine.", L("untrained", "ru", RS))
add("Nobody taught us first aid, we don't even know how to put on a tourniquet.", L("untrained", "ru", RS))
add("They were sent to the front without any preparation, straight from the enlistment office.", L("untrained", "ru", RM))
add("Three weeks of so-called training was mostly digging and cleaning the barracks.", L("untrained", "ru", RS))
add("The convicts had one week of training, some had never held a weapon.", L("untrained", "ru", RP))
add("None of us knew how to work the mortar, we learned it under fire.", L("untrained", "ru", RS))
add("We got two weeks of basic training and then straight to Bakhmut.", L("untrained", "ua", US))
add("The new mobilised arrive not fully trained, we have to teach them on the position.", L("untrained", "ua", US))
add("He had never fired a grenade launcher until his first battle.", L("untrained", "ua", UM))
add("None of the new guys arrive untrained anymore, the training centre finally works.", L("untrained", "ua", US, n=True))
add("Russian sources claim Ukraine sends barely trained men to the front.", L("untrained", "ua", RPROP, h=True))
add("The replacements came without any combat experience and without knowing the drills.", L("untrained", "ua", US))
add("They put a cook behind a machine gun, he had never done it in his life.", L("untrained", "ua", US))

# supply_shortage
add("No bandages, no painkillers, we bought our own sights.", L("supply_shortage", "ru", RS))
add("We haven't had hot food in a week, we eat whatever we find in the houses.", L("supply_shortage", "ru", RS))
add("There are no shells, the gun fires three rounds a day.", L("supply_shortage", "ru", RS))
add("They sent us without body armour, half of us wear helmets older than we are.", L("supply_shortage", "ru", RP))
add("We bought everything ourselves: boots, sleeping bags, thermal sights, even the drones.", L("supply_shortage", "ru", RS))
add("Our relatives send us socks and medicine because the army gives nothing.", L("supply_shortage", "ru", RS))
add("We haven't slept in three days, there's no rotation and no relief.", L("supply_shortage", "ru", RS))
add("The trucks have no fuel, so we carry the ammunition on our backs.", L("supply_shortage", "ru", RS))
add("We ration the shells, they fire ten for each of ours.", L("supply_shortage", "ua", US))
add("The brigade has no drones, we raise money for them from friends.", L("supply_shortage", "ua", US))
add("Without rotation the guys have been on the position for forty days.", L("supply_shortage", "ua", US))
add("The evacuation vehicle broke and there's no replacement, the wounded wait for hours.", L("supply_shortage", "ua", US))
add("We have enough ammunition now, that's not the problem anymore.", L("supply_shortage", "ua", US, n=True))
add("Some units reportedly received no winter uniforms at all.", L("supply_shortage", "ua", JOUR, h=True))
add("My husband is cold all the time, they still have summer sleeping bags.", L("supply_shortage", "ua", UW))

# casualty_concealment
add("They tell the families the men are missing so they don't have to pay.", L("casualty_concealment", "ru", RS))
add("Our dead are left out there and the official lists say they deserted.", L("casualty_concealment", "ru", RP))
add("The bodies were burned in a pit behind the base so nobody could count them.", L("casualty_concealment", "ru", RP))
add("The commander ordered us not to report losses, only 'slightly wounded'.", L("casualty_concealment", "ru", RS))
add("For three months they told me my son was on exercises, then I found out he died in May.", L("casualty_concealment", "ru", RM))
add("The company reported two killed, we buried eleven.", L("casualty_concealment", "ru", RS))
add("They take the phones from the wounded so nobody can tell home what happened to the battalion.", L("casualty_concealment", "ru", RP))
add("Nobody returns the bodies, the families are just told to wait.", L("casualty_concealment", "ru", RW))
add("The real number of our dead in that battle was never announced.", L("casualty_concealment", "ua", US))
add("They list the killed as missing so the families don't panic.", L("casualty_concealment", "ua", US))
add("Russian propaganda claims Ukraine hides tens of thousands of dead.", L("casualty_concealment", "ua", RPROP, h=True))
add("Our losses are reported honestly, every family gets notified.", L("casualty_concealment", "ua", US, n=True))
add("We were told not to post anything about the guys we lost near Klishchiivka.", L("casualty_concealment", "ua", US))
add("My son's body was not returned for five months and nobody explained anything.", L("casualty_concealment", "ua", UM))
add("The report mentioned one wounded, but the whole squad was gone.", L("casualty_concealment", "ua", US))

# forced_recruitment
add("They came to the factory and took all the men straight off the shift.", L("forced_recruitment", "ru", RS))
add("In the colony they said: sign with Wagner and in six months you're free.", L("forced_recruitment", "ru", RP))
add("They mobilised my husband even though he has three children and a bad heart.", L("forced_recruitment", "ru", RW))
add("Conscripts were sent to the front even though they swore they wouldn't be.", L("forced_recruitment", "ru", RM), L("deceived", "ru", RM))
add("Police stopped migrants at the market and gave them a choice: the army or deportation.", L("forced_recruitment", "ru", RS))
add("They handed out summonses at the metro exit and drove people straight to the collection point.", L("forced_recruitment", "ru", RS))
add("Guys with debts sign up because there's no other way to pay the bank.", L("forced_recruitment", "ru", RS))
add("In our village they took every man under fifty, nobody asked about health.", L("forced_recruitment", "ru", RW))
add("The enlistment patrol grabbed him on the street and the next day he was in a training unit.", L("forced_recruitment", "ua", UW))
add("They mobilise people straight from the bus stops now.", L("forced_recruitment", "ua", US))
add("Russian channels claim Ukrainian enlistment officers beat men to force them into the army.", L("forced_recruitment", "ua", RPROP, h=True))
add("Nobody forced me, I went to the enlistment office myself.", L("forced_recruitment", "ua", US, n=True))
add("My brother was taken at a checkpoint even though he has a deferral.", L("forced_recruitment", "ua", US))
add("They take fifty-year-old men with bad knees because there's nobody else left.", L("forced_recruitment", "ua", US))
add("He was handed a summons at the border and didn't even get to go home first.", L("forced_recruitment", "ua", UM))

# trauma
add("I still see the bodies without heads when I close my eyes.", L("trauma", "ru", RP))
add("He came back and doesn't talk, he sits in the dark and screams at night.", L("trauma", "ru", RM))
add("I'll never recover from what I saw in that village.", L("trauma", "ru", RP))
add("After the front I drop to the floor every time someone sets off fireworks.", L("trauma", "ru", RS))
add("Half the guys back from Bakhmut drink every day and can't sleep without pills.", L("trauma", "ru", RS))
add("My husband has nightmares every night, he says he's still in the trench.", L("trauma", "ru", RW))
add("I'm not the same person anymore, something broke inside.", L("trauma", "ru", RS))
add("Since Mariupol I wake up every night, I hear the bombs even in silence.", L("trauma", "ua", US))
add("Many of the guys coming back can't adapt to normal life, they need psychological help.", L("trauma", "ua", US))
add("He came back from captivity and still flinches when someone raises their voice.", L("trauma", "ua", UM))
add("I can't forget the faces of the friends I pulled out of the rubble.", L("trauma", "ua", US))
add("I'm fine in my head, really, the war didn't break me.", L("trauma", "ua", US, n=True))
add("Doctors say many returning soldiers may suffer from PTSD.", L("trauma", "ua", ("doctors", "ua"), h=True))
add("My son came home, but part of him stayed there, he's a different man now.", L("trauma", "ua", UM))

# orders_against_civilians
add("The order was to fire at every car on the road, civilians or not.", L("orders_against_civilians", "ru", RP))
add("They told us to clear the basements with grenades, nobody checked who was inside.", L("orders_against_civilians", "ru", RP))
add("Our commander said anyone who stays in the village is an enemy and should be treated like one.", L("orders_against_civilians", "ru", RP))
add("The guys from the other unit shot a man on a bicycle just because he looked at them.", L("orders_against_civilians", "ru", RS))
add("We were ordered to shell the apartment blocks so the city would give up.", L("orders_against_civilians", "ru", RP))
add("They took the men from the village into the basement and some never came out.", L("orders_against_civilians", "ru", US))
add("I saw our soldiers beat the old man who tried to stop them from taking his car.", L("orders_against_civilians", "ru", RP))
add("The order was clear: use the locals as cover when moving through the town.", L("orders_against_civilians", "ru", RP))
add("Russian officials claim Ukrainian units fire at their own residential areas.", L("orders_against_civilians", "ua", RPROP, h=True))
add("We never fire at residential buildings, our targets are only military positions.", L("orders_against_civilians", "ua", US, n=True))
add("The prisoner said his unit was ordered to shoot anyone who refused to leave the village.", L("orders_against_civilians", "ru", US))
add("Locals told us the Russians executed the farmer in front of his family.", L("orders_against_civilians", "ru", US))
add("Two of our guys were detained for beating a civilian at a checkpoint.", L("orders_against_civilians", "ua", US))
add("He admitted they were told to drive civilians ahead of the column.", L("orders_against_civilians", "ru", US))
add("A volunteer unit was accused of mistreating detained villagers.", L("orders_against_civilians", "ua", JOUR, h=True))

# morale_low
add("Morale in the company is zero, everybody just sits and waits for it to end.", L("morale_low", "ru", RS))
add("Nobody in the company wants to serve any more, they've completely lost the will.", L("morale_low", "ru", RS))
add("The mood is terrible, the guys are demoralised after the last assault.", L("morale_low", "ru", RS))
add("We're worn out in our heads, not just tired, there's no spirit left.", L("morale_low", "ru", RP))
add("People stopped believing in anything here, they don't even clean their weapons.", L("morale_low", "ru", RP))
add("He says the atmosphere in the unit is crushing, everyone is broken.", L("morale_low", "ru", RW))
add("Nobody understands what we're fighting for anymore.", L("morale_low", "ru", RS))
add("The mobilised are completely unmotivated, they just want to survive the day.", L("morale_low", "ru", RS))
add("Honestly, morale in our battalion has really dropped this winter.", L("morale_low", "ua", US))
add("People are tired in their souls, not just in their bodies.", L("morale_low", "ua", US))
add("Motivation is falling because the guys see no end and no rotation.", L("morale_low", "ua", US), L("supply_shortage", "ua", US))
add("Our morale is not low, whatever the Russians write about us.", L("morale_low", "ua", US, n=True))
add("Russian bloggers claim Ukrainian morale is collapsing near Avdiivka.", L("morale_low", "ua", RPROP, h=True))
add("The newer guys are demotivated, they feel nobody back home cares.", L("morale_low", "ua", US))
add("Spirits are low after we lost the village we held for a year.", L("morale_low", "ua", US))

# morale_boosting
add("They brought a concert troupe to the base and gave everyone a day off.", L("morale_boosting", "ru", RS))
add("Yesterday the general came and handed out medals to the whole company.", L("morale_boosting", "ru", RS))
add("We got letters from schoolchildren and the guys read them out loud in the dugout.", L("morale_boosting", "ru", RS))
add("After the assault they finally took us back for a week of rest.", L("morale_boosting", "ru", RS))
add("The priest came and blessed the unit, the commanders said it was to lift our spirits.", L("morale_boosting", "ru", RS))
add("They promised a bonus for every destroyed tank to keep the guys motivated.", L("morale_boosting", "ru", RS))
add("The command set up a banya and hot meals for the whole battalion after rotation.", L("morale_boosting", "ru", RS))
add("The governor sent parcels with sweets and warm clothes to our brigade.", L("morale_boosting", "ru", RS))
add("Volunteers brought us pizza and letters from kids, it really lifts your spirit.", L("morale_boosting", "ua", US))
add("The brigade was rotated to the rear for two weeks of rest and retraining.", L("morale_boosting", "ua", US))
add("Our commander got the Order for Courage in front of the whole company.", L("morale_boosting", "ua", US))
add("A famous singer came and played for the guys right at the positions.", L("morale_boosting", "ua", US))
add("The president came to the front and handed out awards to the guys.", L("morale_boosting", "ua", US))
add("We got ten days of leave after six months, the first time since it started.", L("morale_boosting", "ua", US))
add("The unit chaplain talks to every guy before an assault, it helps a lot.", L("morale_boosting", "ua", US))

# morale_high
add("The guys are in good spirits, we're ready to go forward again.", L("morale_high", "ru", RS))
add("We know why we're here and we won't take a step back.", L("morale_high", "ru", RS))
add("Tired but not broken, that's our platoon.", L("morale_high", "ru", RS))
add("Our battalion is motivated, everyone wants to finish the job.", L("morale_high", "ru", RS))
add("Nobody complains, we hold the line and we'll hold it as long as needed.", L("morale_high", "ru", RS))
add("He says he's proud to be there and wouldn't leave his comrades for anything.", L("morale_high", "ru", RM))
add("The volunteers in our unit are eager to go, the mood is fighting.", L("morale_high", "ru", RS))
add("We're exhausted, but nobody is going to give up.", L("morale_high", "ua", US))
add("The guys are motivated, they know they're defending their own homes.", L("morale_high", "ua", US))
add("Morale in the brigade is high, even after the hardest weeks.", L("morale_high", "ua", US))
add("Behind us are our families, and that gives us strength to stand here.", L("morale_high", "ua", US))
add("Every one of us is ready to go back to the front after treatment.", L("morale_high", "ua", US))
add("He says the spirit in his company is incredible, they joke even under shelling.", L("morale_high", "ua", UW))
add("We'll hold Bakhmut as long as we need to, there's no question about it.", L("morale_high", "ua", US))
add("The unit is like a family, nobody leaves anyone behind.", L("morale_high", "ua", US))

# second batch: sides with fewer than 8 examples, more call/letter/post styles
add("Listen, don't tell mum, but I'm so scared I can't eat, they've been pounding us for two days.", L("fear", "ua", US))
add("When the tanks came up the road some of our young guys froze, they couldn't even lift their heads.", L("fear", "ua", US))
add("Every time he calls I hear it in his voice, he's terrified of the next rotation to Krynky.", L("fear", "ua", UW))
add("Intercepted call: 'Mama, they're everywhere, the drones, I'm hiding under a car, I'm so scared.'", L("fear", "ru", ("Ukrainian intelligence", "ua")))
add("The contract guys told us they had promised him a desk job at headquarters, and now he's on the zero line.", L("deceived", "ua", UM))
add("The commander assured us the enemy had only a platoon there; it was a whole battalion with armour.", L("deceived", "ua", US))
add("In the letter he writes that they were told the Ukrainians shoot all prisoners, so nobody dared to surrender.", L("deceived", "ru", RM), L("coerced", "ru", RM))
add("A sergeant promised that anyone who complains to the media will be sent to the most dangerous sector.", L("coerced", "ua", US))
add("He says the deputy commander openly threatens to send 'troublemakers' to the assault companies.", L("coerced", "ua", UW))
add("They told me: either you go back to the position today, or your leave is cancelled for a year.", L("coerced", "ua", US))
add("Our battalion commander lied in the report that we held the village, and then blamed us when it was lost.", L("betrayed_by_command", "ua", US))
add("Post from a Ukrainian infantryman: we have been promised rotation for eight months, nobody in the headquarters even answers anymore.", L("betrayed_by_command", "ua", US), L("supply_shortage", "ua", US))
add("They took our wounded commander's word for nothing, headquarters just wrote us off.", L("betrayed_by_command", "ru", RP))
add("They keep sending the infantry across the same open field as if our lives were free.", L("expendable", "ua", US))
add("After six assaults with no support the guys say we're disposable for the brigade staff.", L("expendable", "ua", US))
add("Our company went from a hundred to twenty people in a month near Krynky.", L("heavy_losses", "ua", US))
add("Half of the battalion is dead or wounded, the rest hold the line on willpower alone.", L("heavy_losses", "ua", US), L("morale_high", "ua", US))
add("My son wrote that of his whole assault group only he and one other man came back.", L("heavy_losses", "ua", UM))
add("After the demobilisation promises broke down, many of the older guys just say they are done fighting.", L("unwilling", "ua", US), L("betrayed_by_command", "ua", US))
add("Honestly, I'd sign any peace deal tomorrow if it meant going home to my wife.", L("unwilling", "ru", RS))
add("Three men from our company went on leave and simply never returned to the unit.", L("surrender_desertion", "ua", US))
add("He left the position without an order after his best friend died, and now he's under investigation.", L("surrender_desertion", "ua", UW))
add("Someone threw the generator's fuel away so the drone team couldn't work that night.", L("sabotage", "ua", US))
add("The engineer admitted he broke the bridge-layer on purpose so they wouldn't be sent across the river.", L("sabotage", "ru", US))
add("The guys in our crew smashed the radio so headquarters couldn't order us forward.", L("sabotage", "ru", RP))
add("The new recruits didn't know how to dig a proper trench, we lost two of them in the first shelling.", L("untrained", "ua", US))
add("He was a teacher, they gave him one month of training and sent him to the assault brigade.", L("untrained", "ua", UW))
add("They threw the mobilised into the attack after a week of training at the range.", L("untrained", "ru", US), L("expendable", "ru", US))
add("The artillery had ten shells for the whole day, we just watched them advance.", L("supply_shortage", "ua", US))
add("The officers told the families the guys died in an accident, not at the front.", L("casualty_concealment", "ru", RW))
add("The unit lists dozens of ours as deserters, though we all saw them die in the tree line.", L("casualty_concealment", "ua", US), L("heavy_losses", "ua", US))
add("Nobody in the brigade is allowed to say how many we lost at the bridgehead.", L("casualty_concealment", "ua", US))
add("My neighbour was taken off a tram by the enlistment patrol, nobody even let him call home.", L("forced_recruitment", "ua", UW))
add("They promised amnesty to the prisoners who sign and sent them to the front within ten days.", L("forced_recruitment", "ru", RP), L("untrained", "ru", RP))
add("He drinks to sleep since he came back from Avdiivka, the nightmares don't stop.", L("trauma", "ua", UW))
add("I still hear the screams of the guys we couldn't evacuate.", L("trauma", "ua", US))
add("Some of our soldiers robbed and beat a family in a village near the front, and they were arrested.", L("orders_against_civilians", "ua", US))
add("The Russian military claims Ukrainian artillery deliberately targets the market in Donetsk.", L("orders_against_civilians", "ua", RPROP, h=True))
add("The company is tired and angry, nobody believes the promises about rotation anymore.", L("morale_low", "ua", US), L("betrayed_by_command", "ua", US))
add("The boys are demoralised, they've been sitting in the same trench since autumn.", L("morale_low", "ua", UW), L("supply_shortage", "ua", UW))
add("Nobody has any fight left in them, they only talk about when it will end.", L("morale_low", "ru", RP))
add("The command gave the whole company a week at the seaside after they came out of Bakhmut.", L("morale_boosting", "ua", US))
add("Children from my town sent drawings and we hung them all over the dugout.", L("morale_boosting", "ua", US))
add("The Defence Ministry sent a film crew and a band so the guys would feel remembered.", L("morale_boosting", "ru", RS))
add("We're cold, tired and dirty, but the spirit in the platoon is strong.", L("morale_high", "ua", US))
add("The guys in the storm unit are volunteers, they asked to be sent here themselves.", L("morale_high", "ru", RS))
add("Everyone in our battalion believes we will win, that belief keeps us going.", L("morale_high", "ru", RS))
add("The mood in the company is good, we've been told we'll hold here and we will.", L("morale_high", "ua", US))

HARD_NEG = """The coffee here is terrible, but at least it's hot.
We moved two kilometres east and dug in near the tree line.
The drone spotted their mortar and our artillery worked on it.
I'm afraid I can't tell you where we are right now.
My mom is scared for me, she calls every day.
Our neighbours panicked and left the city on the first day.
The politicians said they will surrender nothing at the talks.
The company's losses this quarter were bigger than expected.
We train every morning, shooting and first aid drills.
We took three prisoners this morning and handed them over according to the rules.
The village was liberated after two days of fighting.
I'm tired of the rain, everything in the trench is wet.
The missile hit their command post, that's the report I have.
People in the city are in good spirits, they are rebuilding the school.
They are determined to pass the budget before the holidays.
The parliament's meat grinder chewed up another reform.
I lost my phone charger, can you send one with the next parcel?
We need more drones, that's what I'd ask the volunteers for.
Please send us thermal imagers, it would help a lot.
The brigade moved to a new sector on Tuesday.
He served in the army twenty years ago and now drives a taxi.
Our unit received new armoured vehicles from the partners.
We exchanged fire with their recon group, nobody was hurt.
The shelling started at six and stopped around noon.
Yesterday I talked to my daughter, she got good marks at school.
The cook made borscht today, it was really good.
We're waiting for the weather to clear so we can fly the drones.
The commander explained the plan for tomorrow, everyone understood their task.
They hit the bridge again, the engineers will repair it by morning.
He surrendered his driving licence after the accident.
The developers deserted the project when the money ran out.
The instructor says we're making progress with the new rifles.
We're afraid the heavy rain will flood the dugout.
Grain exports dropped because of the blockade.
Civilians in the city queue for water every morning.
The stock market panicked after the announcement.
The energy company's losses reached billions.
Our team lost the football match to the artillery guys.
My husband called, he's fine, they're in the same place as before.
We got a new commander, he used to serve with the marines.
The ammunition was delivered at night, as planned.
The enemy tried to advance twice and was pushed back.
Our position is on a hill and the view is good.
The sniper worked all day from the attic.
I've been in the army since 2015.
Volunteers repaired our pickup truck last week.
Their ministry announced the capture of a village that is still under our control.
There's a lot of mud, but the tracked vehicles handle it well.
The medics did a great job, the wounded were evacuated within the hour.
He is studying to become an officer at the academy.
We returned fire and destroyed their machine-gun nest.
Their drones are more active in the evenings.
Our neighbours in Kharkiv are tired of the air raid sirens.
The children were frightened by the explosions but they are safe now.
After the strike the residents are traumatized and need help.
The minister said the government will not surrender the national interest.
Fuel prices at the stations went up again.
We were told the convoy would leave at five, and it left at five.
They told us where the minefield was, so we went around it.
I forced myself to get up early and go for a run.
Nobody told us where we were going until we arrived.
The sergeant told us to keep radio silence until dawn.
My son was called up last month and is now at a training centre.
He was drafted in the autumn and serves near Kharkiv.
The unit was mobilised in March and deployed to the south.
They announced partial mobilisation on television.
Two soldiers were wounded by shrapnel and evacuated.
One of our guys was killed by a drone yesterday.
Analysts say Russia could suffer heavy losses if it attacks in winter.
If the offensive starts, there may be many casualties.
They lost a tank and two trucks at the crossing.
We need more shells to win this battle.
The training was tough but useful, we learned a lot.
The prisoners of war were exchanged at the border this morning.
The Red Cross visited the prisoners of war in the camp.
Our prisoners came home after a year in captivity.
I've been scared of spiders since I was a kid.
The general gave an interview about the counteroffensive plans.
We shot down four Shaheds tonight.
He complains that the new boots are too tight.
The food is boring, always buckwheat, but there's plenty of it.
The wifi at the base is slow, we can't watch videos.
The vehicle needs new tyres, we've already ordered them.
The heater in the dugout broke, we'll fix it tomorrow.
Our commander is strict but fair.
I don't know anything about their morale, I can only say what I see through the optics.
Nobody knows whether their morale is high or low, we just keep watching.
She has been fighting cancer for two years, she's very brave.
The firefighters showed real courage at the refinery fire.
The rescuers worked through the night without rest.
Doctors at the city hospital are exhausted after the shelling.
The volunteers are tired after months of fundraising.
The economy is exhausted by sanctions.
The bank surrendered the collateral to the creditors.
The ruble lost a third of its value.
An army of fans filled the stadium.
We drank tea and talked about football.
They shelled the village again, two houses burned down.
A missile hit a warehouse and there were civilian casualties.
The strike on the military airfield also damaged some nearby houses.
The medical battalion set up a new stabilisation point closer to the front.""".split("\n")


def main():
    out = os.path.join(os.path.dirname(__file__), "../../gold/train/synthetic_a.jsonl")
    seen = set()
    rows = []
    for text, labels in S:
        assert text not in seen, text
        seen.add(text)
        rows.append({"text": text, "labels": labels, "synthetic": True, "annotator": "a", "source_type": "testimony"})
    for text in HARD_NEG:
        text = text.strip()
        if not text:
            continue
        assert text not in seen, text
        seen.add(text)
        rows.append({"text": text, "labels": [], "synthetic": True, "annotator": "a", "source_type": "testimony",
                     "note": "hard negative"})
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    import collections
    c = collections.Counter((l["indicator"], l["subject_side"]) for r in rows for l in r["labels"])
    print(len(rows), "rows;", sum(1 for r in rows if r["labels"]), "positive;", sum(1 for r in rows if not r["labels"]), "hard negatives")
    for k in sorted(c):
        print(k, c[k])


if __name__ == "__main__":
    main()
